package org.frisson.dsp.epoch;

import java.util.SplittableRandom;

/**
 * Whether group {@code a} is larger than group {@code b} on average beyond chance: the labels are shuffled
 * {@code permutations} times and the one-sided p-value is {@code (1 + r) / (1 + permutations)}, r the
 * number of shuffles whose difference of means is at least the observed one (the Monte Carlo estimate that
 * counts the observed labelling, so p is never 0; Phipson and Smyth 2010).
 */
public final class PermutationTest {

    private PermutationTest() {
    }

    /** Mean of {@code a} minus mean of {@code b}. */
    public static double difference(double[] a, double[] b) {
        return mean(a) - mean(b);
    }

    /** One-sided p-value for mean(a) > mean(b); deterministic for a seed. */
    public static double oneSided(double[] a, double[] b, int permutations, long seed) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("a permutation test needs values in both groups, got " + a.length
                    + " and " + b.length);
        }
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1, got " + permutations);
        }
        double observed = difference(a, b);
        double[] pooled = new double[a.length + b.length];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        double total = 0;
        for (double v : pooled) {
            total += v;
        }
        SplittableRandom r = new SplittableRandom(seed);
        int atLeast = 0;
        // tolerance for ties of the observed labelling's own sum, computed in another order
        double eps = 1e-12 * (Math.abs(observed) + 1);
        for (int k = 0; k < permutations; k++) {
            // partial Fisher-Yates: the first a.length places become group a
            double sumA = 0;
            for (int i = 0; i < a.length; i++) {
                int j = i + r.nextInt(pooled.length - i);
                double t = pooled[i];
                pooled[i] = pooled[j];
                pooled[j] = t;
                sumA += pooled[i];
            }
            double d = sumA / a.length - (total - sumA) / b.length;
            if (d >= observed - eps) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (1.0 + permutations);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
