package org.frisson.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Marker outputs: what a stage emits reaches the output listeners with its own stamp, the offline CSV
 * ({@code timestamp,marker}), the XDF recording (an irregular string stream) and, live, an LSL outlet.
 */
class MarkerOutputTest {

    private static String config(String session, String stage) {
        return "pipeline: {hop: 0.25, resolve_seconds: 5}\n"
                + "inputs: {gsr: {query: \"source_id='src-gsr-" + session + "'\", timeout: 1.0}}\n"
                + "stages:\n  - {name: probe, kind: test_probe, inputs: gsr}\n"
                + "  - {name: ticks, kind: test_markers" + stage + "}\n"
                + "outputs:\n  features: {name: frisson.features.m-" + session + "}\n"
                + "  markers: {name: frisson.ticks.m-" + session + ", type: Markers}\n";
    }

    /** Collects numeric samples and markers by output number. */
    private static final class Collect implements OutputListener {
        final List<StreamInfo> outputs = new ArrayList<>();
        final List<Integer> markerOutputs = new ArrayList<>();
        final List<Double> markerStamps = new ArrayList<>();
        final List<String> markerTexts = new ArrayList<>();
        final List<Double> frameStamps = new ArrayList<>();

        @Override
        public void start(List<StreamInfo> infos) {
            outputs.addAll(infos);
        }

        @Override
        public void sample(int output, double stamp, double[] values) {
            frameStamps.add(stamp);
        }

        @Override
        public void marker(int output, double stamp, String text) {
            markerOutputs.add(output);
            markerStamps.add(stamp);
            markerTexts.add(text);
        }

        @Override
        public void end() {
        }
    }

    @Test
    void offlineMarkersReachListenersCsvAndXdf(@TempDir Path dir) throws Exception {
        Collect collect = new Collect();
        CsvOutputs csv = new CsvOutputs(dir);
        PipelineRecorder xdf = new PipelineRecorder(dir.resolve("outputs.xdf"), false);
        try (xdf; StreamInfo gsr = StreamInfo.builder("GSR", "GSR").channelCount(1).rate(32).build();
             Pipeline p = Pipeline.offline(PipelineConfig.parse(Path.of("m.yaml"), config("off", "")),
                     Map.of("gsr", List.of(gsr)), List.of(collect, csv, xdf.outputs()), line -> { })) {
            double[] stamps = new double[32];
            double[] values = new double[32];
            for (int s = 0; s < 10; s++) {
                for (int i = 0; i < 32; i++) {
                    stamps[i] = 100 + s + i / 32.0;
                    values[i] = 5;
                }
                p.feed(0, 32, stamps, values, null);
            }
            p.finish();
            assertEquals(Map.of("frisson.features.m-off", List.of("GSR.size"), "frisson.ticks.m-off", List.of("marker")),
                    p.outputChannels());
        }
        // the marker stream is described after the numeric ones, as an irregular string stream
        StreamInfo markers = collect.outputs.get(1);
        assertEquals("frisson.ticks.m-off", markers.name());
        assertEquals("Markers", markers.type());
        assertEquals(ChannelFormat.STRING, markers.format());
        assertTrue(markers.isIrregular());
        assertEquals(List.of("marker"), markers.channelLabels());
        int frames = collect.frameStamps.size();
        assertTrue(frames >= 36, "frames " + frames);
        assertEquals(frames / 4, collect.markerTexts.size(), "a marker every 4th frame");
        for (int k = 0; k < collect.markerTexts.size(); k++) {
            assertEquals(1, collect.markerOutputs.get(k));
            assertTrue(collect.markerTexts.get(k).startsWith("tick " + (4 * k + 3) + ", "), collect.markerTexts.get(k));
        }
        // the stage's own stamps: half a second before every 4th frame time (frames on the 0.25 s grid)
        for (int k = 0; k < collect.markerStamps.size(); k++) {
            double stamp = collect.markerStamps.get(k);
            assertEquals(0, Math.IEEEremainder(stamp + 0.5, 0.25), 1e-9, "on the frame grid");
            if (k > 0) {
                assertEquals(1.0, stamp - collect.markerStamps.get(k - 1), 1e-9, "four frames apart");
            }
        }

        List<String> rows = Files.readAllLines(dir.resolve("frisson.ticks.m-off.csv"));
        assertEquals("timestamp,marker", rows.get(0));
        assertEquals(collect.markerTexts.size() + 1, rows.size());
        assertEquals(collect.markerStamps.get(0) + ",\"tick 3, \"\"quoted\"\"\"", rows.get(1));

        XdfFile file = XdfReader.read(dir.resolve("outputs.xdf"), XdfReader.Options.raw());
        XdfStream rec = file.stream("frisson.ticks.m-off").orElseThrow();
        assertEquals(ChannelFormat.STRING, rec.format());
        assertEquals(collect.markerTexts.size(), rec.sampleCount());
        for (int k = 0; k < rec.sampleCount(); k++) {
            assertEquals(collect.markerTexts.get(k), rec.text(k, 0));
            assertEquals(collect.markerStamps.get(k), rec.stamps()[k], 0.0);
        }
    }

    @Test
    void liveMarkersGoOutOnTheirOwnOutlet() throws Exception {
        String session = UUID.randomUUID().toString().substring(0, 8);
        try (TestSource gsr = new TestSource("gsr-" + session, "GSR", "src-gsr-" + session, 1, 32);
             Pipeline p = Pipeline.start(PipelineConfig.parse(Path.of("m.yaml"), config(session, ", every: 2")),
                     new SimpleMeterRegistry(), line -> { })) {
            StreamInfo found = Resolver.first("name='frisson.ticks.m-" + session + "'", 10)
                    .orElseThrow(() -> new AssertionError("no marker outlet"));
            try (found; Inlet in = Inlet.open(found)) {
                assertEquals(ChannelFormat.STRING, in.format());
                String[] texts = new String[8];
                double[] stamps = new double[8];
                List<String> got = new ArrayList<>();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (got.size() < 3 && System.nanoTime() < deadline) {
                    int n = in.pullAvailable(texts, stamps, 0.5);
                    for (int i = 0; i < n; i++) {
                        got.add(texts[i]);
                    }
                }
                assertTrue(got.size() >= 3, "markers received: " + got);
                assertTrue(got.get(0).matches("tick \\d+, \"quoted\""), got.get(0));
            }
        }
    }

    @Test
    void markersNeedAnOutputOfTheirOwn() {
        try (StreamInfo gsr = StreamInfo.builder("GSR", "GSR").channelCount(1).rate(32).build()) {
            String undeclared = config("x", ", output: transitions");
            var e = assertThrows(PipelineConfig.ConfigException.class, () -> Pipeline.offline(
                    PipelineConfig.parse(Path.of("m.yaml"), undeclared), Map.of("gsr", List.of(gsr)), List.of(), l -> { }));
            assertTrue(e.getMessage().contains("stage 'ticks'") && e.getMessage().contains("'transitions'"), e.getMessage());
            String mixed = config("x", ", output: features");
            e = assertThrows(PipelineConfig.ConfigException.class, () -> Pipeline.offline(
                    PipelineConfig.parse(Path.of("m.yaml"), mixed), Map.of("gsr", List.of(gsr)), List.of(), l -> { }));
            assertTrue(e.getMessage().contains("'features', which carries numbers"), e.getMessage());
            String both = config("x", ", numbers: true");
            e = assertThrows(PipelineConfig.ConfigException.class, () -> Pipeline.offline(
                    PipelineConfig.parse(Path.of("m.yaml"), both), Map.of("gsr", List.of(gsr)), List.of(), l -> { }));
            assertTrue(e.getMessage().contains("'markers', which carries numbers"), e.getMessage());
        }
    }
}
