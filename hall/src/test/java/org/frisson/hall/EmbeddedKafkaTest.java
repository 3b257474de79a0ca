package org.frisson.hall;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedKafkaTest {

    @Test
    void aTopicRoundTripsARecordAndTheTemporaryDataIsRemovedOnClose() throws Exception {
        Path data;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            data = kafka.dataDir();
            assertTrue(Files.isDirectory(data));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("trial", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("trial", "P001", "hello hall")).get();
            }
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringDeserializer(), new StringDeserializer())) {
                TopicPartition p = new TopicPartition("trial", 0);
                consumer.assign(Set.of(p));
                consumer.seekToBeginning(Set.of(p));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (read.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                }
            }
            assertEquals(1, read.size());
            assertEquals("P001", read.get(0).key());
            assertEquals("hello hall", read.get(0).value());
        }
        assertFalse(Files.exists(data), "temporary data directory removed");
    }

    @Test
    void aBrokerRestartedOnItsDataDirectoryKeepsItsTopics() throws Exception {
        Path data = Files.createTempDirectory("frisson-kafka-test-");
        try {
            try (EmbeddedKafka kafka = EmbeddedKafka.start(0, data);
                 Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get();
            }
            try (EmbeddedKafka kafka = EmbeddedKafka.start(0, data);
                 Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertTrue(admin.listTopics().names().get().contains("kept"));
            }
            assertTrue(Files.isDirectory(data), "a given data directory is kept");
        } finally {
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aPortOutOfRangeIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddedKafka.start(70_000, null));
        assertTrue(e.getMessage().contains("port"), e.getMessage());
    }
}
