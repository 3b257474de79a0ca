package org.frisson.dsp;

import java.util.Arrays;

/**
 * Caller-owned output of a framed feature: up to {@link #capacity()} frames of {@link #width()} values,
 * each value with its {@link QualityFlags}, each frame with the sample count (since the feature's
 * {@code reset()}) at which it ends. Features append; the caller reads and then {@link #clear()}s.
 * Allocated once.
 */
public final class FeatureFrames {

    private final int width;
    private final int capacity;
    private final double[] values;
    private final int[] flags;
    private final long[] endSample;
    private int size;

    public FeatureFrames(int width, int capacity) {
        if (width < 1 || capacity < 1) {
            throw new IllegalArgumentException("width and capacity must be positive, got " + width + ", "
                    + capacity);
        }
        this.width = width;
        this.capacity = capacity;
        this.values = new double[width * capacity];
        this.flags = new int[width * capacity];
        this.endSample = new long[capacity];
    }

    public int width() {
        return width;
    }

    public int capacity() {
        return capacity;
    }

    /** Frames held. */
    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Starts a new frame ending at sample count {@code end}; returns its index. Values start as 0, flags 0. */
    public int append(long end) {
        if (size == capacity) {
            throw new IllegalStateException("FeatureFrames is full (" + capacity
                    + " frames): read and clear it between chunks, or give it more capacity");
        }
        int f = size++;
        endSample[f] = end;
        Arrays.fill(values, f * width, (f + 1) * width, 0.0);
        Arrays.fill(flags, f * width, (f + 1) * width, 0);
        return f;
    }

    public void set(int frame, int index, double value, int flag) {
        int i = frame * width + index;
        values[i] = value;
        flags[i] = flag;
    }

    public double value(int frame, int index) {
        return values[frame * width + index];
    }

    public int flags(int frame, int index) {
        return flags[frame * width + index];
    }

    /** Sample count (since reset) at which frame {@code frame} ends, i.e. index of its last sample + 1. */
    public long endSample(int frame) {
        return endSample[frame];
    }

    /** Copies frame {@code frame}'s values into {@code out[offset..offset+width)}. */
    public void copyValues(int frame, double[] out, int offset) {
        System.arraycopy(values, frame * width, out, offset, width);
    }
}
