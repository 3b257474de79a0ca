package org.frisson.dashboards;

import java.util.Arrays;

/**
 * The last {@link #SECONDS} of one output stream, every sample as pushed (full precision: the page's
 * numbers are the outlet's numbers). One writer (the aligner thread) copies into preallocated arrays and
 * never waits; readers copy a range and drop what the writer may have overwritten meanwhile.
 */
final class OutputHistory {

    /** What the page can show of outputs (chill timeline, traces). */
    static final double SECONDS = 120;
    /** Samples kept for an output without a nominal rate. */
    static final int IRREGULAR_SAMPLES = 1024;

    final StreamDescription description;
    final int width;
    final int capacity;
    final int windowSamples;
    private final double[] stamps;
    private final double[] values;
    private volatile long head;

    OutputHistory(StreamDescription description) {
        this.description = description;
        this.width = description.channels();
        this.windowSamples = description.rate() > 0 ? (int) Math.ceil(SECONDS * description.rate()) + 1
                : IRREGULAR_SAMPLES;
        this.capacity = windowSamples + Math.max(16, windowSamples / 4);
        this.stamps = new double[capacity];
        this.values = new double[capacity * width];
    }

    /** Copies one sample in. No allocation. */
    void add(double stamp, double[] sample) {
        long h = head;
        int slot = (int) (h % capacity);
        stamps[slot] = stamp;
        int n = Math.min(width, sample.length);
        System.arraycopy(sample, 0, values, slot * width, n);
        if (n < width) {
            Arrays.fill(values, slot * width + n, (slot + 1) * width, Double.NaN);
        }
        head = h + 1;
    }

    long head() {
        return head;
    }

    /** Samples {@code [from, to)} still intact, channel-major. */
    Slice read(long from, long to) {
        long start = Math.max(from, to - capacity + 1);
        int n = (int) Math.max(0, to - start);
        double[] t = new double[n];
        double[][] v = new double[width][n];
        for (int k = 0; k < n; k++) {
            int slot = (int) ((start + k) % capacity);
            t[k] = stamps[slot];
            for (int c = 0; c < width; c++) {
                v[c][k] = values[slot * width + c];
            }
        }
        long firstIntact = head - capacity + 1;
        int skip = (int) Math.max(0, Math.min(n, firstIntact - start));
        if (skip == 0) {
            return new Slice(t, v);
        }
        double[][] kept = new double[width][];
        for (int c = 0; c < width; c++) {
            kept[c] = Arrays.copyOfRange(v[c], skip, n);
        }
        return new Slice(Arrays.copyOfRange(t, skip, n), kept);
    }

    /** A copy of some samples: stamps and, per channel, values. */
    record Slice(double[] stamps, double[][] values) {
        int size() {
            return stamps.length;
        }
    }
}
