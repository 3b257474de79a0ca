package org.frisson.hall;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeTest {

    private static final int SAMPLES = 500;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void broker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** Streams of this test only: other LSL streams on the machine are not taken. */
    private static String prefix() {
        return "edgetest-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Outlet outlet(String name, String sourceId, ChannelFormat format, String participant) {
        StreamInfo.Builder b = StreamInfo.builder(name, format == ChannelFormat.STRING ? "Markers" : "GSR")
                .channelCount(1).rate(format == ChannelFormat.STRING ? 0 : 100).format(format).sourceId(sourceId);
        if (!participant.isEmpty()) {
            b.desc("participant", participant);
        }
        return Outlet.open(b.build());
    }

    private static void awaitConsumer(Outlet o) {
        assertTrue(o.waitForConsumers(60), "the edge subscribed to " + o.info().sourceId());
    }

    private static void pushNumbers(Outlet o, int from) {
        float[] v = new float[SAMPLES];
        double[] t = new double[SAMPLES];
        double now = Lsl.localClock();
        for (int i = 0; i < SAMPLES; i++) {
            v[i] = from + i;
            t[i] = now - (SAMPLES - i) * 0.01;
        }
        for (int i = 0; i < SAMPLES; i += 50) {
            o.push(java.util.Arrays.copyOfRange(v, i, i + 50), 50, java.util.Arrays.copyOfRange(t, i, i + 50));
        }
    }

    @Test
    void publishesEveryParticipantsStreamsOnceAndInOrderInTheirPartitionsAndTakesALateStream() throws Exception {
        String p = prefix();
        List<String> log = new CopyOnWriteArrayList<>();
        EdgeSettings settings = new EdgeSettings(kafka.bootstrapServers(), List.of("starts-with(source_id,'" + p + "')"),
                "edge-test", 4, (short) 1, 0.5);
        try (Outlet gsr1 = outlet("GSR", p + "-gsr-a", ChannelFormat.FLOAT32, "P001");
             Outlet chills1 = outlet("Chills-P001", p + "-chills-a", ChannelFormat.STRING, "");
             Outlet ppg2 = outlet("PPG", p + "-p002-ppg", ChannelFormat.FLOAT32, "");
             Edge edge = Edge.start(settings, log::add)) {
            awaitConsumer(gsr1);
            awaitConsumer(chills1);
            awaitConsumer(ppg2);
            pushNumbers(gsr1, 0);
            pushNumbers(ppg2, 10_000);
            String[] marks = new String[]{"chill 1", "chill 2", "chill 3"};
            chills1.push(marks, 3, new double[]{Lsl.localClock(), Lsl.localClock(), Lsl.localClock()});
            try (Outlet late = outlet("GSR-P003", p + "-late", ChannelFormat.FLOAT32, "")) {
                awaitConsumer(late);
                pushNumbers(late, 20_000);

                Map<String, List<TopicDecoder.Received<Chunk>>> bySource = readChunks(
                        Map.of(p + "-gsr-a", SAMPLES, p + "-p002-ppg", SAMPLES, p + "-late", SAMPLES, p + "-chills-a", 3));
                assertSamples(bySource.get(p + "-gsr-a"), 0);
                assertSamples(bySource.get(p + "-p002-ppg"), 10_000);
                assertSamples(bySource.get(p + "-late"), 20_000);
                List<String> markers = new ArrayList<>();
                bySource.get(p + "-chills-a").forEach(r -> markers.addAll(List.of(((SampleValues.Texts) r.value().values()).values())));
                assertEquals(List.of(marks), markers);

                assertParticipant(bySource.get(p + "-gsr-a"), "P001");
                assertParticipant(bySource.get(p + "-chills-a"), "P001");
                assertParticipant(bySource.get(p + "-p002-ppg"), "P002");
                assertParticipant(bySource.get(p + "-late"), "P003");

                Map<String, StreamHeader> headers = readHeaders(p, 4);
                assertEquals("P001", headers.get(p + "-gsr-a").participant());
                assertTrue(headers.get(p + "-gsr-a").xml().contains("<participant>P001</participant>"));
                assertEquals("P003", headers.get(p + "-late").participant());
                assertTrue(log.stream().anyMatch(l -> l.startsWith("taking " + p + "-late")), log.toString());
            }
            Edge.Report report = edge.report();
            assertEquals(4, report.streams());
            assertEquals("", report.lastError());
        }
    }

    private static void assertSamples(List<TopicDecoder.Received<Chunk>> chunks, int first) {
        long expectedSequence = 0;
        int next = first;
        for (TopicDecoder.Received<Chunk> r : chunks) {
            Chunk c = r.value();
            assertEquals(expectedSequence++, c.sequence(), "chunks in order, none twice");
            for (float v : ((SampleValues.Floats) c.values()).values()) {
                assertEquals(next++, v, "samples in order, each once");
            }
            for (int i = 0; i < c.samples(); i++) {
                // the edge maps each stamp by the offset it reports
                assertEquals(c.sourceStamps()[i] + c.clockOffset(), c.edgeStamps()[i], 1e-9);
            }
            assertFalse(Double.isNaN(c.clockUncertainty()), "a clock offset was taken before the first chunk");
        }
        assertEquals(first + SAMPLES, next);
    }

    private static void assertParticipant(List<TopicDecoder.Received<Chunk>> chunks, String participant) {
        int partitions = 4;
        int expected = Utils.toPositive(Utils.murmur2(participant.getBytes(StandardCharsets.UTF_8))) % partitions;
        for (TopicDecoder.Received<Chunk> r : chunks) {
            assertEquals(participant, r.key());
            assertEquals(participant, r.value().participant());
            assertEquals(expected, r.partition(), "all of " + participant + "'s streams in one partition");
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor(topic).stream()
                .map(pi -> new TopicPartition(topic, pi.partition())).toList();
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    /** Reads chunks until each stream has its samples (or a deadline passes). */
    private static Map<String, List<TopicDecoder.Received<Chunk>>> readChunks(Map<String, Integer> wanted) {
        Map<String, List<TopicDecoder.Received<Chunk>>> bySource = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        TopicDecoder<Chunk> decoder = TopicDecoder.chunks(e -> {
            throw new AssertionError(e);
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, byte[]> c = consumer(HallTopics.INPUT)) {
            while (!counts.entrySet().containsAll(wanted.entrySet()) && System.nanoTime() < deadline) {
                for (TopicDecoder.Received<Chunk> r : decoder.decode(c.poll(Duration.ofMillis(200)))) {
                    if (wanted.containsKey(r.value().sourceId())) {
                        bySource.computeIfAbsent(r.value().sourceId(), k -> new ArrayList<>()).add(r);
                        counts.merge(r.value().sourceId(), r.value().samples(), Integer::sum);
                    }
                }
            }
        }
        assertEquals(wanted, counts, "samples read back per stream");
        return bySource;
    }

    private static Map<String, StreamHeader> readHeaders(String prefix, int expected) {
        Map<String, StreamHeader> headers = new HashMap<>();
        TopicDecoder<StreamHeader> decoder = TopicDecoder.headers(e -> {
            throw new AssertionError(e);
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, byte[]> c = consumer(HallTopics.STREAMS)) {
            while (headers.size() < expected && System.nanoTime() < deadline) {
                for (TopicDecoder.Received<StreamHeader> r : decoder.decode(c.poll(Duration.ofMillis(200)))) {
                    if (r.key().startsWith(prefix)) {
                        assertEquals(r.key(), r.value().sourceId());
                        headers.put(r.key(), r.value());
                    }
                }
            }
        }
        return headers;
    }

    @Test
    void aMalformedRecordIsReportedWithItsPlaceAndSkipped() throws Exception {
        String topic = "malformed-" + UUID.randomUUID();
        ChunkCodec codec = new ChunkCodec();
        Chunk good = new Chunk("e", "P001", "s", 0, 1, new double[]{1}, new double[]{1}, 0, 0,
                new SampleValues.Floats(new float[]{42f}));
        byte[] damaged = java.util.Arrays.copyOf(codec.encode(good), 20);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, "P001", "not avro".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topic, 0, "P001", damaged)).get();
            producer.send(new ProducerRecord<>(topic, 0, "P001", codec.encode(good))).get();
        }
        List<MalformedRecordException> reported = new ArrayList<>();
        TopicDecoder<Chunk> decoder = TopicDecoder.chunks(reported::add);
        List<TopicDecoder.Received<Chunk>> read = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            while (read.isEmpty() && System.nanoTime() < deadline) {
                read.addAll(decoder.decode(c.poll(Duration.ofMillis(200))));
            }
        }
        assertEquals(1, read.size());
        assertEquals(2, read.get(0).offset());
        assertArrayEquals(new float[]{42f}, ((SampleValues.Floats) read.get(0).value().values()).values());
        assertEquals(2, reported.size(), reported.stream().map(Throwable::getMessage).collect(Collectors.joining("\n")));
        assertEquals(topic, reported.get(0).topic());
        assertEquals(0, reported.get(0).partition());
        assertEquals(0, reported.get(0).offset());
        assertTrue(reported.get(0).getMessage().startsWith(topic + " partition 0 offset 0: "), reported.get(0).getMessage());
        assertEquals(1, reported.get(1).offset());
        assertFalse(reported.get(1).field().isEmpty(), "the damaged record names its field: " + reported.get(1).getMessage());
    }
}
