package org.frisson.pipeline;

import java.util.Arrays;

/**
 * The recent history of one input stream: a circular buffer of samples and their stamps, oldest
 * overwritten first. Stamps inside the buffer never decrease: a chunk that goes back in time
 * ({@link #append} returns false) must be preceded by {@link #clear()}.
 */
final class StreamBuffer {

    private final int channels;
    private final int capacity;
    private final double[] values;
    private final double[] stamps;
    private final String[] texts;
    private long written;
    private long clears;

    StreamBuffer(int channels, int capacity, boolean text) {
        this.channels = channels;
        this.capacity = capacity;
        this.values = text ? new double[0] : new double[capacity * channels];
        this.stamps = new double[capacity];
        this.texts = text ? new String[capacity * channels] : null;
    }

    int channels() {
        return channels;
    }

    int capacity() {
        return capacity;
    }

    /** Samples held (at most the capacity). */
    int size() {
        return (int) Math.min(written, capacity);
    }

    /** Stamp of the newest sample, NaN when empty. */
    double lastStamp() {
        return written == 0 ? Double.NaN : stamps[(int) ((written - 1) % capacity)];
    }

    /** How many times the history was cleared (a view compares it to see that what it offered is void). */
    long clears() {
        return clears;
    }

    /** Whether {@code firstStamp} would go backwards from the newest sample. */
    boolean goesBack(double firstStamp) {
        return written > 0 && firstStamp < lastStamp();
    }

    void clear() {
        written = 0;
        clears++;
        if (texts != null) {
            Arrays.fill(texts, null);
        }
    }

    /**
     * How many of the samples that appending {@code n} more would overwrite have stamps after
     * {@code coveredUpTo}, i.e. were never part of an emitted frame.
     */
    int wouldEvictUncovered(int n, double coveredUpTo) {
        int evict = size() + n - capacity;
        int count = 0;
        for (int k = 0; k < evict && k < size(); k++) {
            if (stamp(k) > coveredUpTo) {
                count++;
            }
        }
        return count;
    }

    /**
     * Appends {@code n} samples (interleaved values or texts) from an event; non-finite values are kept
     * as NaN (a missing value, never a number). Returns how many values were non-finite.
     */
    int append(ChunkEvent e) {
        int n = e.samples;
        int nonFinite = 0;
        for (int i = 0; i < n; i++) {
            int slot = (int) (written % capacity);
            stamps[slot] = e.stamps[i];
            if (texts != null) {
                System.arraycopy(e.texts, i * channels, texts, slot * channels, channels);
            } else {
                for (int c = 0, src = i * channels, dst = slot * channels; c < channels; c++) {
                    double v = e.values[src + c];
                    if (v - v != 0) { // NaN or +-Inf
                        v = Double.NaN;
                        nonFinite++;
                    }
                    values[dst + c] = v;
                }
            }
            written++;
        }
        return nonFinite;
    }

    /** Logical index (0 = oldest held) of the first sample with stamp {@code > t}. */
    int firstAfter(double t) {
        int lo = 0;
        int hi = size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (stamp(mid) > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Stamp of the sample at logical index {@code k}. */
    double stamp(int k) {
        return stamps[slot(k)];
    }

    double value(int k, int channel) {
        return values[slot(k) * channels + channel];
    }

    String text(int k, int channel) {
        return texts[slot(k) * channels + channel];
    }

    private int slot(int k) {
        long first = written - size();
        return (int) ((first + k) % capacity);
    }
}
