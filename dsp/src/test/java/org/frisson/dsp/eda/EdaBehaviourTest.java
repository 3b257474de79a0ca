package org.frisson.dsp.eda;

import org.frisson.dsp.QualityFlags;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdaBehaviourTest {

    /** Skin conductance (µS) at fs: 5 µS tonic with drift, Bateman-shaped SCRs every ~15 s, sensor noise. */
    static double[] gsr(double fs, double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) (fs * seconds);
        double[] x = new double[n];
        double onset = 3;
        List<double[]> scrs = new ArrayList<>();
        while ((onset += 5 + 20 * r.nextDouble()) < seconds - 5) {
            scrs.add(new double[]{onset, 0.05 + 0.8 * r.nextDouble()});
        }
        for (int i = 0; i < n; i++) {
            double t = i / fs;
            double v = 5 + 0.003 * t + 0.01 * r.nextGaussian();
            for (double[] s : scrs) {
                double dt = t - s[0];
                if (dt > 0) {
                    v += s[1] * (Math.exp(-dt / 2.0) - Math.exp(-dt / 0.75)) / 0.3;
                }
            }
            x[i] = v;
        }
        return x;
    }

    @Test
    void qualityFlagsForFlatSaturatedSteepAndMissing() {
        double fs = 32;
        EdaQualityMonitor q = new EdaQualityMonitor(fs);
        double[] x = gsr(fs, 60, 1);
        int[] flags = new int[x.length];
        q.process(x, 0, x.length, flags, 0);
        for (int f : flags) {
            assertEquals(0, f, "a plausible trace is not flagged");
        }
        // sensor detached: the value freezes; flagged once a 5 s window has been flat
        int flatFrom = 10 * 32;
        double frozen = x[flatFrom];
        q.reset();
        int firstFlat = -1;
        for (int i = 0; i < x.length; i++) {
            int f = q.check(i >= flatFrom ? frozen : x[i]);
            if ((f & QualityFlags.FLAT_LINE) != 0 && firstFlat < 0) {
                firstFlat = i;
            }
        }
        assertEquals(flatFrom + 5 * 32 - 1, firstFlat);
        // saturated at the amplifier's rail, or dropped to 0
        q.reset();
        assertEquals(QualityFlags.OUT_OF_RANGE, q.check(100.0) & QualityFlags.OUT_OF_RANGE);
        assertEquals(QualityFlags.OUT_OF_RANGE, q.check(0.0) & QualityFlags.OUT_OF_RANGE);
        // a 2 µS jump within 1/32 s is 64 µS/s
        q.reset();
        q.check(5.0);
        assertEquals(QualityFlags.TOO_STEEP, q.check(7.0));
        assertEquals(QualityFlags.NON_FINITE_INPUT, q.check(Double.NaN));
    }

    @Test
    void nanGivesNanOutputWithoutPoisoningTheLiveFilters() {
        double fs = 32;
        double[] x = gsr(fs, 120, 2);
        double[] clean = x.clone();
        for (int i = 1000; i < 1010; i++) {
            x[i] = Double.NaN;
        }
        x[2000] = Double.POSITIVE_INFINITY;
        EdaDecomposer d = new EdaDecomposer(fs);
        double[] tonic = new double[x.length], phasic = new double[x.length];
        d.process(x, 0, x.length, tonic, phasic, 0);
        for (int i = 0; i < x.length; i++) {
            boolean bad = !Double.isFinite(x[i]);
            assertEquals(bad, Double.isNaN(phasic[i]), "phasic at " + i);
            assertEquals(bad, Double.isNaN(tonic[i]), "tonic at " + i);
        }
        double[] t2 = new double[x.length], p2 = new double[x.length];
        EdaDecomposer ref = new EdaDecomposer(fs);
        ref.process(clean, 0, clean.length, t2, p2, 0);
        // a short gap perturbs the phasic signal only slightly and briefly
        assertEquals(p2[1500], phasic[1500], 0.02);
        assertEquals(p2[3500], phasic[3500], 1e-3);
    }

    @Test
    void filtersAreDesignedForTheRateOrRefusedByName() {
        assertTrue(new EdaDecomposer(32).cleaning());
        assertFalse(new EdaDecomposer(4).cleaning(), "NeuroKit2 skips the 3 Hz cleaning at 6 Hz or below");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EdaDecomposer(0.08));
        assertTrue(e.getMessage().contains("0.08 Hz"), e.getMessage());
    }

    @Test
    void liveDetectorFindsWhatTheOfflinePassFindsInAnyChunking() {
        double fs = 32;
        double[] raw = gsr(fs, 600, 3);
        double[] tonic = new double[raw.length], phasic = new double[raw.length];
        new EdaDecomposer(fs, raw.length).decomposeZeroPhase(raw, 0, raw.length, tonic, phasic, 0);
        ScrEvents offline = new ScrEvents(500);
        double largest = ScrDetector.detectRelativeToLargest(phasic, 0, phasic.length, fs, 0.1, offline);
        assertTrue(offline.size() >= 15, "found " + offline.size());

        ScrDetector live = new ScrDetector(fs, 0.1 * largest);
        ScrEvents all = new ScrEvents(500), chunk = new ScrEvents(50);
        SplittableRandom r = new SplittableRandom(4);
        int pos = 0;
        while (pos < phasic.length) {
            int n = Math.min(phasic.length - pos, 1 + r.nextInt(64));
            chunk.clear();
            live.process(phasic, pos, n, chunk);
            for (int i = 0; i < chunk.size(); i++) {
                assertTrue(chunk.confirmedAt(i) >= chunk.peak(i));
                all.add(chunk.onset(i), chunk.peak(i), chunk.confirmedAt(i), chunk.amplitude(i), chunk.riseTime(i),
                        chunk.prominence(i));
            }
            pos += n;
        }
        live.flush(all);
        assertEquals(offline.size(), all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(offline.peak(i), all.peak(i));
            assertEquals(offline.onset(i), all.onset(i));
            assertEquals(offline.amplitude(i), all.amplitude(i), 0.0);
            assertTrue(all.riseTime(i) > 0 && all.riseTime(i) < 10);
        }
    }

    @Test
    void manyOpenPeaksStayWithinFixedMemory() {
        // a long slow decline with a ripple makes thousands of ever lower peaks, all open at once
        double fs = 32;
        int n = 20000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -0.001 * i + 0.01 * ((i % 4 == 1) ? 1 : 0);
        }
        ScrDetector d = new ScrDetector(fs, 0.5);
        ScrEvents ev = new ScrEvents(10);
        d.process(x, 0, n, ev);
        d.flush(ev);
        assertEquals(0, ev.size(), "ripples of 0.01 are not responses of 0.5");
        assertTrue(d.largestProminence() > 0);
    }

    @Test
    void trialNormalizationStreamsInConstantMemory() {
        double[] x = gsr(32, 180, 5);
        TrialNormalizer tn = new TrialNormalizer();
        for (double v : x) {
            tn.add(v);
        }
        double[] out = new double[x.length];
        double mean = 0, var = 0;
        for (int i = 0; i < x.length; i++) {
            out[i] = tn.normalize(i, x[i]);
            mean += out[i];
        }
        mean /= x.length;
        for (double v : out) {
            var += (v - mean) * (v - mean);
        }
        assertEquals(0, mean, 1e-9);
        assertTrue(var / x.length < 1.0, "detrending removes part of the unit variance");
        TrialNormalizer flat = new TrialNormalizer();
        flat.add(new double[]{3, 3, 3}, 0, 3);
        assertTrue(Double.isNaN(flat.normalize(0, 3)), "a flat trial has no scale");
    }
}
