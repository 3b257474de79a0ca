package org.frisson.xdf;

import org.frisson.lsl.ChannelFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Clock synchronization and dejittering: known answers, and pyxdf's answers on a recording with a clock reset. */
class ClockSyncTest {

    @TempDir
    Path dir;

    @Test
    void robustFitRecoversADriftingOffsetAndShrugsOffAnOutlier() {
        int m = 50;
        double[] t = new double[m];
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = 1000 + 5 * i;
            v[i] = 0.25 + 2e-6 * (t[i] - 1000);
        }
        v[20] += 0.05; // one offset measured across a slow round trip
        double[] stamps = {1000, 1100, 1245};
        List<Segment> segs = ClockSync.apply(stamps, 3, t, v, m, true, ClockSync.ResetThresholds.PYXDF, 1e-4, w -> {
            throw new AssertionError(w);
        });
        assertEquals(List.of(new Segment(0, 2)), segs);
        // least squares would be pulled 1 ms off by the outlier (0.05 s / 50); the Huber fit stays within 10 us
        assertEquals(1000.25, stamps[0], 1e-5);
        assertEquals(1100 + 0.25 + 2e-4, stamps[1], 1e-5);
        assertEquals(1245 + 0.25 + 2e-6 * 245, stamps[2], 1e-5);
    }

    @Test
    void aClockResetSplitsTheSegments() {
        double[] t = {5000, 5005, 5010, 5015, 3, 8, 13};
        double[] v = {100, 100, 100, 100, -50, -50, -50};
        assertEquals(List.of(new Segment(0, 3), new Segment(4, 6)), ClockSync.resets(t, v, 7, ClockSync.ResetThresholds.PYXDF));
        double[] stamps = {5001, 5006, 5014, 2, 9, 12};
        List<Segment> segs = ClockSync.apply(stamps, 6, t, v, 7, true, ClockSync.ResetThresholds.PYXDF, 1e-4, w -> { });
        assertEquals(List.of(new Segment(0, 2), new Segment(3, 5)), segs);
        assertEquals(5101, stamps[0], 1e-6);
        assertEquals(5114, stamps[2], 1e-6);
        assertEquals(-48, stamps[3], 1e-6);
        assertEquals(-38, stamps[5], 1e-6);
    }

    @Test
    void dejitterFitsALinePerSegmentAndBreaksAtGaps() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] s = new double[2000];
        for (int i = 0; i < s.length; i++) {
            s[i] = 50 + i / 100.0 + (i >= 1000 ? 7 : 0) + (rnd.nextDouble() - 0.5) * 2e-3;
        }
        Dejitter.Result r = Dejitter.apply(s, s.length, 100, false, 1, 500);
        assertEquals(List.of(new Segment(0, 999), new Segment(1000, 1999)), r.segments());
        assertEquals(100, r.effectiveRate(), 0.01);
        for (int i = 1; i < 1000; i++) {
            assertEquals(0.01, s[i] - s[i - 1], 1e-5, "even spacing at " + i);
        }
        assertEquals(57 + 10, s[1000], 1e-3);
        double[] irregular = {1, 1.5, 4};
        Dejitter.Result none = Dejitter.apply(irregular, 3, 0, false, 1, 500);
        assertEquals(List.of(new Segment(0, 2)), none.segments());
        assertEquals(1.5, irregular[1]);
    }

    /**
     * A recording of our own with drift, jitter, a gap and a clock reset in the offsets, read by pyxdf and by
     * Frisson with every combination of synchronization and dejittering.
     */
    @Test
    void matchesPyxdfOnARecordingWithDriftJitterGapAndClockReset() throws Exception {
        Path file = dir.resolve("resets.xdf");
        SplittableRandom rnd = new SplittableRandom(9);
        try (XdfRecorder rec = XdfRecorder.create(file)) {
            int eeg = rec.addStream(XdfRecorderTest.header("EEG", 2, ChannelFormat.FLOAT32, 100));
            int mk = rec.addStream(XdfRecorderTest.header("Markers", 1, ChannelFormat.STRING, 0));
            double t0 = 5000;
            for (int i = 0; i < 60; i++) {
                boolean afterReset = i >= 30;
                double clock = afterReset ? 20 + (i - 30) * 5 : t0 + i * 5; // the source restarted: its clock fell back
                double offset = (afterReset ? 4980 : 0.5) + 1e-6 * i * 5 + rnd.nextDouble() * 1e-4;
                rec.clockOffset(eeg, clock, offset);
                rec.clockOffset(mk, clock, offset);
            }
            List<Double> marks = new ArrayList<>();
            for (int i = 0; i < 30_000; i++) {
                boolean afterReset = i >= 15_000;
                double base = afterReset ? 20 + (i - 15_000) / 100.0 : t0 + i / 100.0;
                double gap = i >= 7_000 && i < 15_000 ? 3.0 : 0.0;
                double stamp = base + gap + (rnd.nextDouble() - 0.5) * 4e-3;
                rec.append(eeg, new float[]{i, (float) rnd.nextGaussian()}, new double[]{stamp}, 1);
                if (i % 997 == 0) {
                    marks.add(stamp);
                    rec.append(mk, new String[]{"m" + i}, new double[]{stamp}, 1);
                }
            }
        }
        for (boolean sync : new boolean[]{false, true}) {
            for (boolean dejitter : new boolean[]{false, true}) {
                XdfFile mine = XdfReader.read(file, XdfReader.Options.raw().synchronizeClocks(sync).dejitter(dejitter));
                PyXdfComparison cmp = new PyXdfComparison();
                cmp.compare(mine, PyXdf.loadOne(sync, dejitter, file), sync || dejitter ? 1e-6 : 0);
                System.out.printf("pyxdf vs Frisson on a recording with a clock reset (sync=%s, dejitter=%s): "
                        + "max stamp difference %.3g s over %d stamps%n", sync, dejitter, cmp.maxStampDiff,
                        cmp.stampsCompared);
                if (sync) {
                    assertEquals(2, mine.stream("EEG").orElseThrow().clockSegments().size());
                }
            }
        }
    }
}
