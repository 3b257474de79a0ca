package org.frisson.dsp.filter;

/**
 * Streaming, causal IIR filtering with second-order sections in direct form II transposed (the
 * arithmetic of scipy's {@code sosfilt}), for one or more independent channels. State lives in one
 * preallocated array; filtering allocates nothing.
 */
public final class SosFilter {

    private final double[] c;
    private final int sections;
    private final int channels;
    private final double[] state;   // [channel][section][2]
    private final double[] unitStep; // steady state of a unit step, [section][2]

    public SosFilter(Sos sos, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        this.c = sos.coefficients();
        this.sections = sos.sections();
        this.channels = channels;
        this.state = new double[channels * sections * 2];
        this.unitStep = sos.steadyStateUnitStep();
    }

    public int channels() {
        return channels;
    }

    /** Zero state for every channel (scipy's default initial conditions). */
    public void reset() {
        java.util.Arrays.fill(state, 0.0);
    }

    /**
     * Sets channel {@code channel}'s state as if the constant {@code x0} had always been its input
     * ({@code sosfilt_zi(sos) * x0}), so a signal starting at {@code x0} causes no start-up transient.
     */
    public void settle(int channel, double x0) {
        int base = channel * sections * 2;
        for (int i = 0; i < sections * 2; i++) {
            state[base + i] = unitStep[i] * x0;
        }
    }

    /** Filters one sample of one channel. */
    public double filter(int channel, double x) {
        int s0 = channel * sections * 2;
        double y = x;
        for (int s = 0; s < sections; s++) {
            int k = 6 * s;
            int z = s0 + 2 * s;
            double in = y;
            y = c[k] * in + state[z];
            state[z] = c[k + 1] * in - c[k + 4] * y + state[z + 1];
            state[z + 1] = c[k + 2] * in - c[k + 5] * y;
        }
        return y;
    }

    /** Filters {@code n} samples of channel 0 ({@code in} and {@code out} may be the same array). */
    public void process(double[] in, int inOffset, double[] out, int outOffset, int n) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = filter(0, in[inOffset + i]);
        }
    }
}
