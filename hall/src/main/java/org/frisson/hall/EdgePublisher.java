package org.frisson.hall;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends an edge's headers and chunks through one idempotent producer, counting what the cluster acknowledged.
 * Safe to use from every stream's thread: Kafka keeps each partition's records in the order they were sent.
 */
final class EdgePublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final StreamHeaderCodec headers = new StreamHeaderCodec();
    private final ChunkCodec chunks = new ChunkCodec();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>("");

    EdgePublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "frisson-edge"),
                new StringSerializer(), new ByteArraySerializer());
    }

    void publish(StreamHeader h) {
        send(new ProducerRecord<>(HallTopics.STREAMS, h.sourceId(), headers.encode(h)), 0);
    }

    void publish(Chunk c) {
        send(new ProducerRecord<>(HallTopics.INPUT, c.participant(), chunks.encode(c)), c.samples());
    }

    private void send(ProducerRecord<String, byte[]> record, int sampleCount) {
        int size = record.value().length;
        producer.send(record, (meta, error) -> {
            if (error != null) {
                lastError.set(record.topic() + ": " + error.getMessage());
            } else {
                records.incrementAndGet();
                bytes.addAndGet(size);
                samples.addAndGet(sampleCount);
            }
        });
    }

    long samples() {
        return samples.get();
    }

    long records() {
        return records.get();
    }

    long bytes() {
        return bytes.get();
    }

    /** The last send that failed, or {@code ""}. */
    String lastError() {
        return lastError.get();
    }

    /** Sends what is buffered and waits for it. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
