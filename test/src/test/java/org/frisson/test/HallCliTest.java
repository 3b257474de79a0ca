package org.frisson.test;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.frisson.hall.Chunk;
import org.frisson.hall.HallTopics;
import org.frisson.hall.TopicDecoder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A simulated concert published by {@code frisson edge} to the broker of {@code frisson kafka}, read back. */
class HallCliTest {

    @Test
    void anEdgePublishesASimulatedConcertsParticipantsToTheBroker() throws Exception {
        String session = "hall" + UUID.randomUUID().toString().substring(0, 6);
        try (FrissonChild kafka = FrissonChild.start("kafka", "--port", "0")) {
            kafka.awaitLog("kafka: 127.0.0.1:", Duration.ofSeconds(120));
            Matcher m = Pattern.compile("kafka: (127\\.0\\.0\\.1:\\d+)").matcher(kafka.log());
            assertTrue(m.find(), kafka.log());
            String bootstrap = m.group(1);
            try (FrissonChild sim = FrissonChild.start("simulate", "session", "concert", "--participants", "3",
                    "--session", session);
                 FrissonChild edge = FrissonChild.start("edge", "--kafka", bootstrap, "--duration", "20",
                         "--edge-id", "cli-edge", "--query", "starts-with(source_id,'frisson-sim-" + session + "-p')")) {
                assertEquals(0, edge.awaitExit(Duration.ofSeconds(120)), edge.log());
                assertTrue(edge.log().contains("for participant P003"), edge.log());
                assertTrue(edge.log().contains("samples published"), edge.log());
                assertEquals(0, sim.stop(), sim.log());
            }
            Map<String, Integer> samples = new HashMap<>();
            TopicDecoder<Chunk> decoder = TopicDecoder.chunks(e -> {
                throw new AssertionError(e);
            });
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> parts = c.partitionsFor(HallTopics.INPUT).stream()
                        .map(p -> new TopicPartition(HallTopics.INPUT, p.partition())).toList();
                c.assign(parts);
                c.seekToBeginning(parts);
                Map<TopicPartition, Long> end = c.endOffsets(parts);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                    for (TopicDecoder.Received<Chunk> r : decoder.decode(c.poll(Duration.ofMillis(200)))) {
                        assertEquals(r.key(), r.value().participant());
                        samples.merge(r.value().participant(), r.value().samples(), Integer::sum);
                    }
                }
            }
            for (String p : List.of("P001", "P002", "P003")) {
                assertTrue(samples.getOrDefault(p, 0) > 0, "samples of " + p + ": " + samples);
            }
            assertEquals(3, samples.size(), samples.toString());
            assertEquals(0, kafka.stop(), kafka.log());
        }
    }
}
