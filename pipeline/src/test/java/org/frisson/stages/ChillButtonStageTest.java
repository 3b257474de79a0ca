package org.frisson.stages;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.pipeline.OutputListener;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.PipelineConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chill-button stage against its markers at every frame: held is whether the newest marker at or before the
 * frame is {@code chill_on}, presses the number of {@code chill_on} at or before it. Planted: presses inside a
 * hop, a press and release within one hop, two listeners, a marker exactly on a frame time, a press and release
 * with the same stamp, and foreign markers that change nothing.
 */
class ChillButtonStageTest {

    private static final double T0 = 1000;
    private static final double HOP = 0.25;

    /** Markers per listener: {stamp offset, text}. */
    private static final Object[][] A = {{1.10, "chill_on"}, {1.30, "chill_off"}, {2.05, "chill_on"},
            {2.20, "chill_off"}, {3.00, "chill_on"}, {3.40, "track_start"}, {4.60, "chill_off"}, {5.125, "chill_on"},
            {5.125, "chill_off"}, {6.90, "chill_on"}};
    private static final Object[][] B = {{0.60, "chill_on"}, {7.10, "chill_off"}};

    private static final class Frames implements OutputListener {
        final List<Double> stamps = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();
        List<String> labels;

        @Override
        public void start(List<StreamInfo> outputs) {
            labels = outputs.get(0).channelLabels();
        }

        @Override
        public void sample(int output, double stamp, double[] v) {
            if (output == 0) {
                stamps.add(stamp);
                values.add(v.clone());
            }
        }

        @Override
        public void end() {
        }
    }

    @Test
    void heldAndPressesFollowTheMarkersAtEveryFrame() {
        String yaml = "pipeline: {hop: " + HOP + "}\n"
                + "inputs:\n  gsr: {query: \"type='GSR'\"}\n  markers: {query: \"type='Markers'\", multiple: true}\n"
                + "stages:\n  - {name: gsr_now, kind: latest, input: gsr, window: 1.0}\n"
                + "  - {name: chills, kind: chill_button, input: markers}\n"
                + "outputs:\n  features: {name: f}\n";
        Frames frames = new Frames();
        try (StreamInfo gsr = StreamInfo.builder("GSR", "GSR").channelCount(1).rate(32).build();
             StreamInfo a = StreamInfo.builder("Chills-A", "Markers").channelCount(1).format(ChannelFormat.STRING).build();
             StreamInfo b = StreamInfo.builder("Chills-B", "Markers").channelCount(1).format(ChannelFormat.STRING).build();
             Pipeline p = Pipeline.offline(PipelineConfig.parse(Path.of("chills.yaml"), yaml),
                     Map.of("gsr", List.of(gsr), "markers", List.of(a, b)), List.of(frames), line -> { })) {
            // one GSR sample every 1/32 s for 8 s, the markers fed in stamp order between them
            int[] next = {0, 0};
            Object[][][] marks = {A, B};
            for (int i = 0; i < 8 * 32; i++) {
                double t = T0 + i / 32.0;
                for (int m = 0; m < 2; m++) {
                    while (next[m] < marks[m].length && T0 + (double) marks[m][next[m]][0] <= t) {
                        Object[] mk = marks[m][next[m]++];
                        p.feed(1 + m, 1, new double[]{T0 + (double) mk[0]}, null, new String[]{(String) mk[1]});
                    }
                }
                p.feed(0, 1, new double[]{t}, new double[]{5}, null);
            }
            p.finish();
        }
        int heldA = frames.labels.indexOf("Chills-A.chill_held");
        int pressesA = frames.labels.indexOf("Chills-A.chill_presses");
        int heldB = frames.labels.indexOf("Chills-B.chill_held");
        int pressesB = frames.labels.indexOf("Chills-B.chill_presses");
        assertTrue(heldA >= 0 && heldB >= 0, frames.labels.toString());
        assertTrue(frames.stamps.size() >= 28, "frames: " + frames.stamps.size());
        int checked = 0;
        for (int f = 0; f < frames.stamps.size(); f++) {
            double t = frames.stamps.get(f);
            double[] v = frames.values.get(f);
            String at = String.format("frame at +%.3f s", t - T0);
            assertEquals(expectedHeld(A, t) ? 1.0 : 0.0, v[heldA], "A held, " + at);
            assertEquals(expectedPresses(A, t), v[pressesA], "A presses, " + at);
            assertEquals(expectedHeld(B, t) ? 1.0 : 0.0, v[heldB], "B held, " + at);
            assertEquals(expectedPresses(B, t), v[pressesB], "B presses, " + at);
            checked++;
        }
        System.out.println("chill button: " + checked + " frames checked against the markers");
    }

    private static boolean expectedHeld(Object[][] marks, double t) {
        boolean held = false;
        for (Object[] m : marks) {
            if (T0 + (double) m[0] <= t) {
                if (m[1].equals("chill_on")) {
                    held = true;
                } else if (m[1].equals("chill_off")) {
                    held = false;
                }
            }
        }
        return held;
    }

    private static double expectedPresses(Object[][] marks, double t) {
        int n = 0;
        for (Object[] m : marks) {
            if (T0 + (double) m[0] <= t && m[1].equals("chill_on")) {
                n++;
            }
        }
        return n;
    }
}
