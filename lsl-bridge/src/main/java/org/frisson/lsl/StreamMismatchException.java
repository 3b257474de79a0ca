package org.frisson.lsl;

/** A stream's shape differs from what the caller asked for; names the stream, the field and both values. */
public final class StreamMismatchException extends LslException {

    private final String stream;
    private final String field;
    private final String expected;
    private final String actual;

    public StreamMismatchException(String stream, String field, Object expected, Object actual) {
        super("stream " + Printable.name(stream) + ": expected " + field + " " + expected + " but the stream has " + actual);
        this.stream = stream;
        this.field = field;
        this.expected = String.valueOf(expected);
        this.actual = String.valueOf(actual);
    }

    public String stream() {
        return stream;
    }

    public String field() {
        return field;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
