package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.LslException;
import org.frisson.lsl.Printable;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.PipelineConfig;
import org.frisson.pipeline.StreamHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real pylsl outlets with hostile descriptions ({@code test/python/hostile_outlet_peer.py}: a 10 MB description,
 * 1 MB labels, strange Unicode, quotes and control characters, 100,000 channels, no channel, a NaN or 10^9 Hz rate,
 * liblsl's undefined format (these two are not resolved: liblsl drops a NaN rate, our resolver the format), a description 1,000 elements deep, 100 string channels), resolved and opened by our
 * inlet and by a live pipeline beside a good stream: each is read or refused with one line naming it, and the good
 * stream keeps delivering throughout.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileStreamsFromPylslTest {

    private static final String UNICODE = "\u0645\u0648\u0633\u064a\u0642\u0649 \uD83C\uDFB5 e\u0301 \u200b\ufffd \u2028x";
    private static final String QUOTES = "q\"uo'te <&> \u0001\u0007\ttab\nline";

    @Test
    void eachHostileStreamIsReadOrRefusedNamingItWhileTheGoodOneDelivers() throws Exception {
        String prefix = Interop.uniqueId("hostile");
        try (Peer peer = Peer.start("hostile_outlet_peer.py", List.of(prefix))) {
            String ready = peer.nextLine(Duration.ofSeconds(90));
            assertTrue(ready.startsWith("READY "), peer.describe("said " + ready));
            JsonNode said = Peer.JSON.readTree(ready.substring("READY ".length()));
            assertEquals(0, said.get("refused").size(), "liblsl let pylsl open every one: " + said);
            int hostile = said.get("opened").size();

            // the undefined-format stream answers but is left out, and so is the NaN-rate one, which liblsl cannot read
            List<StreamInfo> found = Resolver.byPredicate("starts-with(source_id,'" + prefix + "-')", hostile - 1, 30);
            Map<String, StreamInfo> byKind = new TreeMap<>();
            for (StreamInfo s : found) {
                byKind.putIfAbsent(s.sourceId().substring(prefix.length() + 1), s);
            }
            assertEquals(hostile - 1, byKind.size(), "every stream but two, and the good one: " + byKind.keySet());
            assertTrue(!byKind.containsKey("undefined"), "the undefined format is left out");
            assertTrue(!byKind.containsKey("nan-rate"), "liblsl cannot read a NaN rate: left out");

            try (Inlet good = Inlet.open(byKind.get("good"))) {
                good.openStream(Interop.NET_TIMEOUT);
                long delivered = delivered(good, 0);
                Map<String, String> outcomes = new TreeMap<>();
                for (Map.Entry<String, StreamInfo> e : byKind.entrySet()) {
                    if (!e.getKey().equals("good")) {
                        outcomes.put(e.getKey(), open(e.getValue()));
                        delivered = delivered(good, delivered);
                    }
                }
                outcomes.forEach((k, v) -> System.out.println("HostileStreamsFromPylslTest: " + k + ": " + v));
                assertTrue(outcomes.get("no-channels").startsWith("refused: stream 'No channels': expected channel"
                        + " count of at least 1 but the stream has 0"), outcomes.get("no-channels"));
                assertTrue(outcomes.get("deep").startsWith("refused: stream 'Deep': its description nests more than"),
                        outcomes.get("deep"));
                for (String read : List.of("big-desc", "huge-labels", "unicode", "quotes", "wide", "fast",
                        "many-strings")) {
                    assertTrue(outcomes.get(read).startsWith("read"), read + ": " + outcomes.get(read));
                }
                assertEquals(UNICODE, byKind.get("unicode").name(), "the name, code point for code point");
                assertEquals(QUOTES, byKind.get("quotes").name());
            }

            // a live pipeline: the streams it cannot take are left out of a multiple input, the others bound
            List<String> log = new CopyOnWriteArrayList<>();
            PipelineConfig cfg = PipelineConfig.parse(Path.of("hostile.yaml"), """
                    inputs:
                      good: {query: "source_id='%1$s-good'"}
                      hostile: {query: "starts-with(source_id,'%1$s-') and source_id!='%1$s-good'", multiple: true,
                                expect: %2$d, required: false}
                    """.formatted(prefix, hostile - 2));
            // hostile - 2: every hostile stream that is resolved (all but the undefined and the NaN-rate ones)
            try (Pipeline p = Pipeline.start(cfg, new SimpleMeterRegistry(), log::add)) {
                List<String> bound = p.inputs().stream().map(StreamInfo::name).toList();
                for (String out : List.of("Wide", "Fast", "Many strings", "Deep", "No channels")) {
                    assertTrue(!bound.contains(out), out + " is not bound: " + bound);
                }
                assertTrue(bound.containsAll(List.of("Good", "Big description", "Huge labels", UNICODE, QUOTES)),
                        "bound: " + bound);
                for (String line : log) {
                    assertTrue(!line.contains("\n"), "one line: " + line);
                }
                assertTrue(log.stream().anyMatch(l -> l.equals("hostile.yaml: inputs.hostile: stream 'Wide' has 100000"
                        + " channels, more than one chunk holds (pipeline.chunk_values: 4096); raise"
                        + " pipeline.chunk_values to at least 100000; left out")), String.join("\n", log));
                assertTrue(log.stream().anyMatch(l -> l.startsWith("hostile.yaml: inputs.hostile: stream 'Fast' declares"
                        + " 1.0E9 Hz and 1 channels")), String.join("\n", log));
                StreamHealth goodHealth = p.health().stream().filter(h -> h.name().equals("Good")).findFirst()
                        .orElseThrow();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (goodHealth.samples() < 200 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    Thread.yield();
                }
                assertTrue(goodHealth.samples() >= 200, "the good stream feeds the pipeline: " + goodHealth.samples());
            }

            // the same stream as the one stream of a required input refuses the run, naming it
            PipelineConfig single = PipelineConfig.parse(Path.of("single.yaml"), """
                    inputs:
                      eeg: {query: "source_id='%s-wide'"}
                    """.formatted(prefix));
            PipelineConfig.ConfigException refused = assertThrows(PipelineConfig.ConfigException.class,
                    () -> Pipeline.start(single, new SimpleMeterRegistry(), line -> { }).close());
            assertEquals("single.yaml: inputs.eeg: stream 'Wide' has 100000 channels, more than one chunk holds"
                    + " (pipeline.chunk_values: 4096); raise pipeline.chunk_values to at least 100000", refused.getMessage());
            found.forEach(StreamInfo::close);
        }
    }

    /** "read: ..." when an inlet opens, reads the description and pulls a sample; "refused: MESSAGE" otherwise. */
    private static String open(StreamInfo info) {
        try (Inlet inlet = Inlet.open(info, Inlet.options().openTimeout(30))) {
            StreamInfo full = inlet.info();
            int labels = full.channels().size();
            inlet.openStream(Interop.NET_TIMEOUT);
            int channels = inlet.channelCount();
            double[] stamps = new double[1];
            int n = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (n == 0 && System.nanoTime() < deadline) {
                n = inlet.format() == ChannelFormat.STRING ? inlet.pullAvailable(new String[channels], stamps, 0.5)
                        : inlet.pullAvailable(new double[channels], stamps, 0.5);
            }
            assertEquals(1, n, Printable.name(info.name()) + ": a sample within 30 s");
            return "read: " + channels + " channels, " + labels + " labels, " + full.xml().length()
                    + " characters of description, a sample";
        } catch (LslException e) {
            String m = e.getMessage();
            assertTrue(!m.contains("\n") && m.contains(Printable.name(info.name())), "one line naming the stream: " + m);
            return "refused: " + m;
        }
    }

    /** Waits until the good inlet has delivered more than {@code before} samples in all; returns how many. */
    private static long delivered(Inlet good, long before) {
        double[] values = new double[4 * 256];
        double[] stamps = new double[256];
        long total = before;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (total <= before + 10 && System.nanoTime() < deadline) {
            total += good.pullAvailable(values, stamps, 0.2);
        }
        assertTrue(total > before + 10, "the good stream keeps delivering (" + total + " after " + before + ")");
        return total;
    }
}
