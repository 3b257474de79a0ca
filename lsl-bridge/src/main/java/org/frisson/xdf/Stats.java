package org.frisson.xdf;

import java.util.Arrays;

/** The robust statistics the clock code needs, with numpy's conventions. */
final class Stats {

    /** numpy's float64 machine epsilon. */
    static final double EPS = Math.ulp(1.0);

    private Stats() {
    }

    /** Median of {@code v[from..to)}; the mean of the two middle values for an even count; NaN when empty. */
    static double median(double[] v, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return Double.NaN;
        }
        double[] s = Arrays.copyOfRange(v, from, to);
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double median(double[] v) {
        return median(v, 0, v.length);
    }

    /** Consecutive differences {@code v[i+1]-v[i]} of {@code v[0..n)}. */
    static double[] diff(double[] v, int n) {
        double[] d = new double[Math.max(0, n - 1)];
        for (int i = 0; i < d.length; i++) {
            d[i] = v[i + 1] - v[i];
        }
        return d;
    }
}
