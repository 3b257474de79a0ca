package org.frisson.dsp.epoch;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochsTest {

    /** 32 Hz for 100 s: a ramp (slope 0.1/s) plus a unit step at 50 s. */
    static double[][] signal() {
        int n = 3200;
        double[] t = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 10 + i / 32.0;
            x[i] = 0.1 * t[i] + (t[i] >= 60 ? 1 : 0);
        }
        return new double[][]{t, x};
    }

    @Test
    void epochsAreInterpolatedAndBaselineSubtracted() {
        double[][] s = signal();
        Epochs e = new Epochs(2, 6, 0.25);
        assertEquals(33, e.times().length);
        assertEquals(-2, e.times()[0], 1e-12);
        assertEquals(0, e.times()[8], 1e-12);
        assertTrue(e.add(s[0], s[1], 30.1, 0.1));
        double[] ramp = e.epoch(0);
        // a ramp minus its mean over [-2, 0): 0.1 t + 0.1 * 1.125 (the grid's baseline points average -1.125 s)
        for (int i = 0; i < ramp.length; i++) {
            assertEquals(0.1 * e.times()[i] + 0.1125, ramp[i], 1e-9, "t=" + e.times()[i]);
        }
        assertTrue(e.add(s[0], s[1], 60.0, 0.1));
        double[] step = e.epoch(1);
        assertEquals(1 + 0.1 * 3 + 0.1125, step[e.times().length - 13], 1e-9, "t=3: step plus ramp");
        assertEquals(2, e.count());
        double[] m = e.mean();
        double[] se = e.standardError();
        assertEquals((ramp[20] + step[20]) / 2, m[20], 1e-12);
        assertEquals(Math.abs(ramp[20] - step[20]) / 2, se[20], 1e-12, "SE of two values: half their distance");
        double[] post = e.postOnsetMeans();
        assertTrue(post[1] > post[0] + 0.9, "the step raises the post-onset mean by about 1");
    }

    @Test
    void epochsOutsideTheSignalOrAcrossAGapAreRefused() {
        double[][] s = signal();
        Epochs e = new Epochs(2, 6, 0.25);
        assertFalse(e.add(s[0], s[1], 11, 0.1), "starts before the signal");
        assertFalse(e.add(s[0], s[1], 106, 0.1), "ends after it");
        double[] x = s[1].clone();
        x[1000] = Double.NaN; // at 41.25 s
        assertFalse(e.add(s[0], x, 40, 0.1), "a missing value inside");
        assertTrue(e.add(s[0], x, 50, 0.1));
        double[] t = s[0].clone();
        for (int i = 2000; i < t.length; i++) {
            t[i] += 1; // a one-second gap at 72.5 s
        }
        assertFalse(e.add(t, s[1], 72, 0.5));
        assertTrue(e.add(t, s[1], 72, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new Epochs(0, 6, 0.25));
    }

    @Test
    void permutationTestFindsAShiftAndNotItsAbsence() {
        SplittableRandom r = new SplittableRandom(1);
        double[] a = new double[12];
        double[] b = new double[12];
        double[] c = new double[12];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1 + 0.3 * r.nextGaussian();
            b[i] = 0.3 * r.nextGaussian();
            c[i] = 0.3 * r.nextGaussian();
        }
        double shifted = PermutationTest.oneSided(a, b, 9999, 7);
        assertEquals(1e-4, shifted, 1e-12, "no shuffle reaches a clear shift: (1 + 0) / (1 + 9999)");
        double none = PermutationTest.oneSided(c, b, 9999, 7);
        assertTrue(none > 0.05, "p " + none);
        assertEquals(none, PermutationTest.oneSided(c, b, 9999, 7), "the same for a seed");
        assertTrue(PermutationTest.oneSided(b, a, 9999, 7) > 0.99, "one-sided: a smaller group gives p near 1");
        // two against two, perfectly separated: 1 of the 6 labellings is as extreme
        double exact = PermutationTest.oneSided(new double[]{5, 6}, new double[]{1, 2}, 60000, 3);
        assertEquals(1 / 6.0, exact, 0.01);
        assertArrayEquals(new double[]{1.0}, new double[]{PermutationTest.difference(new double[]{2}, new double[]{1})});
    }
}
