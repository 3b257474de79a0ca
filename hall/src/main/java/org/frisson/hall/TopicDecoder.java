package org.frisson.hall;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decodes what a consumer polled from a hall topic. A record that cannot be decoded is handed to the
 * malformed-record handler with its topic, partition and offset, and skipped: the records after it still arrive.
 */
public final class TopicDecoder<T> {

    /** A decoded record and where it lay. */
    public record Received<T>(String topic, int partition, long offset, String key, T value) {
    }

    private final Function<byte[], T> decode;
    private final Consumer<MalformedRecordException> onMalformed;

    private TopicDecoder(Function<byte[], T> decode, Consumer<MalformedRecordException> onMalformed) {
        this.decode = decode;
        this.onMalformed = Objects.requireNonNull(onMalformed, "onMalformed");
    }

    /** For {@link HallTopics#INPUT}. */
    public static TopicDecoder<Chunk> chunks(Consumer<MalformedRecordException> onMalformed) {
        return new TopicDecoder<>(new ChunkCodec()::decode, onMalformed);
    }

    /** For {@link HallTopics#STREAMS}. */
    public static TopicDecoder<StreamHeader> headers(Consumer<MalformedRecordException> onMalformed) {
        return new TopicDecoder<>(new StreamHeaderCodec()::decode, onMalformed);
    }

    public List<Received<T>> decode(ConsumerRecords<String, byte[]> batch) {
        List<Received<T>> out = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, byte[]> r : batch) {
            try {
                out.add(new Received<>(r.topic(), r.partition(), r.offset(), r.key(), decode.apply(r.value())));
            } catch (RecordFormatException e) {
                onMalformed.accept(new MalformedRecordException(r.topic(), r.partition(), r.offset(), e));
            }
        }
        return out;
    }
}
