package org.frisson.hall;

/** A record on a hall topic that is not what the topic carries: where it lies and what is wrong with it. */
public final class MalformedRecordException extends RuntimeException {

    private final String topic;
    private final int partition;
    private final long offset;
    private final String field;

    public MalformedRecordException(String topic, int partition, long offset, RecordFormatException cause) {
        super(topic + " partition " + partition + " offset " + offset + ": " + cause.getMessage(), cause);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.field = cause.field();
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** The field that could not be read, or {@code ""} when the record was refused as a whole. */
    public String field() {
        return field;
    }
}
