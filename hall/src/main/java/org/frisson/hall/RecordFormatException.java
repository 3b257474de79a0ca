package org.frisson.hall;

/** Bytes that are not a record of the expected Frisson schema; names the field where that showed, if any. */
public final class RecordFormatException extends RuntimeException {

    private final String field;

    public RecordFormatException(String field, String message, Throwable cause) {
        super((field.isEmpty() ? "" : "field '" + field + "': ") + message, cause);
        this.field = field;
    }

    public RecordFormatException(String field, String message) {
        this(field, message, null);
    }

    /** The field that could not be read ({@code ""} when the record was refused before its fields). */
    public String field() {
        return field;
    }
}
