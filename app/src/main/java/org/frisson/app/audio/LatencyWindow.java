package org.frisson.app.audio;

import java.util.Arrays;

/** The newest values of a latency (seconds) in a preallocated window; quantiles on demand. */
public final class LatencyWindow {

    private final double[] values;
    private final double[] sorted;
    private long count;
    private double max = Double.NEGATIVE_INFINITY;

    public LatencyWindow(int size) {
        this.values = new double[size];
        this.sorted = new double[size];
    }

    /** Adds one value; allocation-free. */
    public void add(double seconds) {
        values[(int) (count % values.length)] = seconds;
        count++;
        if (seconds > max) {
            max = seconds;
        }
    }

    /** Quantile {@code q} (0..1) of the values in the window (nearest rank); NaN when empty. */
    public double quantile(double q) {
        int n = (int) Math.min(count, values.length);
        if (n == 0) {
            return Double.NaN;
        }
        System.arraycopy(values, 0, sorted, 0, n);
        Arrays.sort(sorted, 0, n);
        int k = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, k))];
    }

    /** Largest value since the start (or the last {@link #resetMax()}). */
    public double max() {
        return max == Double.NEGATIVE_INFINITY ? Double.NaN : max;
    }

    public void resetMax() {
        max = Double.NEGATIVE_INFINITY;
    }

    public long count() {
        return count;
    }
}
