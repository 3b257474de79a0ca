package org.frisson.stages;

import org.frisson.pipeline.OutputListener;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.PipelineConfig;
import org.frisson.sim.MusicScore;
import org.frisson.sim.MusicSynth;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transitions stage on the simulator's piece, scored against its score: the demo piece played twice
 * (the demo loops it), through the pipeline offline with MusiCNN (the demo's embedding stage) and the
 * transitions stage. Detected transitions (their estimated times) must match the section boundaries within
 * ±1.5 s with an F-measure of at least 0.8, on the second pass (the PCA and the variance median have heard
 * the piece once, as in the looping demo) and over both passes (cold start included).
 */
class TransitionsStageTest {

    static final int RATE = 22050;
    static final int PASSES = 2;
    static final double T0 = 1000;
    static final double TOLERANCE = 1.5;
    static final double MIN_F = 0.8;

    static final MusicScore SCORE = MusicScore.demoPiece();
    static final List<Double> markers = new ArrayList<>();
    static final List<String> texts = new ArrayList<>();
    static final List<Double> confirmations = new ArrayList<>();
    static final List<double[]> latent = new ArrayList<>();
    static List<String> labels;

    static String config(String stages) {
        return "pipeline: {hop: 0.25}\n"
                + "inputs: {audio: {query: \"type='Audio'\", timeout: 1.0}}\n"
                + "stages:\n"
                + "  - {name: music, kind: embedding, input: audio, model: musicnn, fallback: false, hop: 0.4, layer: penultimate, tags: 0}\n"
                + stages
                + "outputs:\n"
                + "  embedding: {name: frisson.embedding.t}\n"
                + "  latent: {name: frisson.latent.t, type: Latent}\n"
                + "  transitions: {name: frisson.transitions.t, type: Markers}\n";
    }

    @BeforeAll
    static void runTheDemoPieceTwice() {
        float[] piece = MusicSynth.render(SCORE, RATE, 1);
        OutputListener collect = new OutputListener() {
            int latentOutput;

            @Override
            public void start(List<StreamInfo> outputs) {
                for (int i = 0; i < outputs.size(); i++) {
                    if (outputs.get(i).type().equals("Latent")) {
                        latentOutput = i;
                        labels = outputs.get(i).channelLabels();
                    }
                }
            }

            @Override
            public void sample(int output, double stamp, double[] values) {
                if (output == latentOutput) {
                    double[] row = new double[values.length + 1];
                    row[0] = stamp;
                    System.arraycopy(values, 0, row, 1, values.length);
                    latent.add(row);
                    if (values[3] == 1) {
                        confirmations.add(stamp);
                    }
                }
            }

            @Override
            public void marker(int output, double stamp, String text) {
                markers.add(stamp);
                texts.add(text);
            }

            @Override
            public void end() {
            }
        };
        PipelineConfig cfg = PipelineConfig.parse(Path.of("transitions.yaml"),
                config("  - {name: transitions, kind: transitions, upstream: music}\n"));
        try (StreamInfo audio = StreamInfo.builder("Music", "Audio").channelCount(1).rate(RATE)
                .format(ChannelFormat.FLOAT32).channel("mono", "", "Audio").build();
             Pipeline p = Pipeline.offline(cfg, Map.of("audio", List.of(audio)), List.of(collect), line -> { })) {
            int chunk = 441; // 20 ms
            double[] stamps = new double[chunk];
            double[] values = new double[chunk];
            long n = (long) PASSES * piece.length;
            for (long i = 0; i < n; i += chunk) {
                int k = (int) Math.min(chunk, n - i);
                for (int j = 0; j < k; j++) {
                    stamps[j] = T0 + (i + j) / (double) RATE;
                    values[j] = piece[(int) ((i + j) % piece.length)];
                }
                p.feed(0, k, stamps, values, null);
            }
            p.finish();
        }
    }

    /** Section boundaries of the given passes on the pipeline's clock (the loop point is no boundary). */
    static List<Double> boundaries(int fromPass, int toPass) {
        List<Double> t = new ArrayList<>();
        for (int pass = fromPass; pass <= toPass; pass++) {
            for (double b : SCORE.transitions()) {
                t.add(T0 + pass * SCORE.length() + b);
            }
        }
        return t;
    }

    static List<Double> markersIn(double from, double to) {
        return markers.stream().filter(m -> m >= from && m < to).toList();
    }

    @Test
    void transitionsMatchTheSectionBoundaries() {
        assertEquals(TransitionsStage.CHANNELS, labels.subList(0, 4), "channels the dashboard's latent panel reads");
        double secondPass = T0 + SCORE.length();
        BoundaryScore second = BoundaryScore.of(markersIn(secondPass - TOLERANCE, Double.POSITIVE_INFINITY),
                boundaries(1, 1), TOLERANCE);
        BoundaryScore both = BoundaryScore.of(markers, boundaries(0, PASSES - 1), TOLERANCE);
        System.out.println("[transitions] demo piece, second pass: " + second);
        System.out.println("[transitions] demo piece, both passes: " + both);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < markers.size(); i++) {
            found.add(String.format(Locale.ROOT, "%.2f s (%s)", markers.get(i) - T0, texts.get(i)));
        }
        System.out.println("[transitions] found at " + found);
        assertTrue(second.fMeasure() >= MIN_F, "second pass: " + second + "; found " + found);
        assertTrue(both.fMeasure() >= MIN_F, "both passes: " + both + "; found " + found);
        for (String t : texts) {
            assertTrue(t.matches("transition strength=\\d+\\.\\d\\d"), t);
        }

        // delays: confirmation (the latent frame with transition=1) after the estimate; estimate after the truth
        assertEquals(markers.size(), confirmations.size(), "one confirming frame per marker");
        double maxDelay = 0;
        double sumDelay = 0;
        for (int i = 0; i < markers.size(); i++) {
            double delay = confirmations.get(i) - markers.get(i);
            assertTrue(delay > 0 && delay < 8, "confirmed " + delay + " s after the transition's time");
            maxDelay = Math.max(maxDelay, delay);
            sumDelay += delay;
        }
        double sumError = 0;
        double maxError = 0;
        for (double[] pair : both.pairs()) {
            sumError += pair[0] - pair[1];
            maxError = Math.max(maxError, Math.abs(pair[0] - pair[1]));
        }
        System.out.printf(Locale.ROOT, "[transitions] confirmed %.2f s after the estimated time on average (at most"
                        + " %.2f); estimated minus true %.2f s on average, |error| at most %.2f s%n",
                sumDelay / markers.size(), maxDelay, sumError / both.hits(), maxError);
    }

    @Test
    void latentChannelsFollowTheMusic() {
        // PCs and variance from the first means on; transition 1 only on confirming frames
        int withPcs = 0;
        for (double[] row : latent) {
            if (!Double.isNaN(row[1])) {
                withPcs++;
                assertTrue(!Double.isNaN(row[2]));
            }
            assertTrue(row[4] == 0 || row[4] == 1, "transition channel " + row[4]);
        }
        assertTrue(withPcs > latent.size() * 0.9, withPcs + " of " + latent.size() + " frames with PCs");
        // the second pass puts the loud and the quiet sections apart on PC1: drop and climax on one side
        double drop = meanPc1(T0 + SCORE.length() + 36, T0 + SCORE.length() + 46);
        double climax = meanPc1(T0 + SCORE.length() + 68, T0 + SCORE.length() + 78);
        double breakdown = meanPc1(T0 + SCORE.length() + 52, T0 + SCORE.length() + 62);
        assertTrue(Math.signum(drop - breakdown) == Math.signum(climax - breakdown),
                "drop " + drop + ", climax " + climax + ", breakdown " + breakdown);
    }

    private static double meanPc1(double from, double to) {
        return latent.stream().filter(r -> r[0] >= from && r[0] < to && !Double.isNaN(r[1])).mapToDouble(r -> r[1])
                .average().orElseThrow();
    }

    @Test
    void wrongUpstreamOrSettingsAreRefusedByName() {
        try (StreamInfo audio = StreamInfo.builder("Music", "Audio").channelCount(1).rate(RATE)
                .format(ChannelFormat.FLOAT32).build()) {
            var e = assertThrows(PipelineConfig.ConfigException.class, () -> Pipeline.offline(
                    PipelineConfig.parse(Path.of("t.yaml"), config("  - {name: tr, kind: transitions, upstream: musik}\n")),
                    Map.of("audio", List.of(audio)), List.of(), l -> { }));
            assertTrue(e.getMessage().contains("stage 'tr'") && e.getMessage().contains("'musik'"), e.getMessage());
            e = assertThrows(PipelineConfig.ConfigException.class, () -> Pipeline.offline(
                    PipelineConfig.parse(Path.of("t.yaml"), config(
                            "  - {name: tr, kind: transitions, upstream: music, variance_window: -2}\n")),
                    Map.of("audio", List.of(audio)), List.of(), l -> { }));
            assertTrue(e.getMessage().contains("stage 'tr'") && e.getMessage().contains("variance_window"), e.getMessage());
            e = assertThrows(PipelineConfig.ConfigException.class, () -> Pipeline.offline(
                    PipelineConfig.parse(Path.of("t.yaml"), config(
                            "  - {name: tr, kind: transitions, upstream: music, latent: nowhere}\n")),
                    Map.of("audio", List.of(audio)), List.of(), l -> { }));
            assertTrue(e.getMessage().contains("'nowhere'"), e.getMessage());
        }
    }
}
