package org.frisson.stage;

import java.util.Arrays;

/** The channels one stage writes on an output stream: a window onto that stream's next sample. */
public final class OutputSlot {

    private final String output;
    private final int width;
    private double[] sample;
    private int offset;

    public OutputSlot(String output, int width) {
        this.output = output;
        this.width = width;
    }

    /** Binds the slot to its place in the output sample (done by the pipeline once outputs are laid out). */
    public void bind(double[] outputSample, int firstChannel) {
        this.sample = outputSample;
        this.offset = firstChannel;
    }

    public String output() {
        return output;
    }

    public int width() {
        return width;
    }

    /** Writes channel {@code i} of this slot. */
    public void set(int i, double value) {
        if (i < 0 || i >= width) {
            throw new IndexOutOfBoundsException("slot on '" + output + "' has " + width + " channels, not " + (i + 1));
        }
        sample[offset + i] = value;
    }

    /** Marks every channel of this slot missing. */
    public void clear() {
        Arrays.fill(sample, offset, offset + width, Double.NaN);
    }
}
