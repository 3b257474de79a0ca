package org.frisson.dsp.audio;

import org.frisson.dsp.Windows;

/**
 * Streaming rational resampling by a polyphase FIR, equal to scipy's
 * {@code resample_poly(x, up, down)} with its defaults: {@code up/down} is the reduced ratio of the
 * rates; the anti-aliasing low-pass is {@code firwin(2 h + 1, 1 / max(up, down), window=('kaiser', 5.0))}
 * with {@code h = 10 max(up, down)}, scaled by {@code up}; output sample j is
 * {@code y[j] = sum_n x[n] g[j down + h - n up]} (the filter's delay compensated), with the signal taken
 * as 0 before its start and, at {@link #flush}, after its end; the output has
 * {@code ceil(n up / down)} samples.
 *
 * <p>Samples are produced as soon as the input they depend on has arrived (a fixed latency of
 * {@code h / up} input samples). History and per-phase taps are allocated once; processing allocates
 * nothing. Mono: use one resampler per channel.
 */
public final class PolyphaseResampler {

    /** Kaiser window shape (scipy resample_poly default window ('kaiser', 5.0)). */
    public static final double KAISER_BETA = 5.0;
    /** Half-length factor: h = 10 max(up, down) (scipy resample_poly). */
    public static final int HALF_LENGTH_FACTOR = 10;

    private final int inputRate;
    private final int outputRate;
    private final int up;
    private final int down;
    private final int half;
    private final double[][] phaseTaps;   // phaseTaps[p][count - 1 - k] = g[p + k up]: oldest input first
    private final int stepTop;            // down / up
    private final int stepPhase;          // down % up
    private final int historyLength;
    private final double[] history;       // each sample stored twice (at i and i + historyLength)
    private int writePos;
    private long inCount;                 // input samples (real, then padding zeros at flush)
    private long realCount;
    private long outCount;
    private long nextTop;                 // newest input index output `outCount` uses: (outCount down + h) / up
    private int nextPhase;                // its filter phase: (outCount down + h) % up

    public PolyphaseResampler(int inputRate, int outputRate) {
        if (inputRate < 1 || outputRate < 1) {
            throw new IllegalArgumentException("rates must be positive, got " + inputRate + " and " + outputRate + " Hz");
        }
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        int g = gcd(inputRate, outputRate);
        this.up = outputRate / g;
        this.down = inputRate / g;
        this.half = HALF_LENGTH_FACTOR * Math.max(up, down);
        double[] taps = design(up, down);
        this.phaseTaps = new double[up][];
        int maxTaps = 0;
        for (int p = 0; p < up; p++) {
            int count = (taps.length - 1 - p) / up + 1;
            phaseTaps[p] = new double[count];
            for (int k = 0; k < count; k++) {
                phaseTaps[p][count - 1 - k] = taps[p + k * up];
            }
            maxTaps = Math.max(maxTaps, count);
        }
        this.stepTop = down / up;
        this.stepPhase = down % up;
        this.historyLength = maxTaps + 2;
        this.history = new double[2 * historyLength];
        reset();
    }

    /**
     * The anti-aliasing filter scipy's resample_poly uses for {@code up/down} (already reduced), including
     * its gain of {@code up}: length {@code 2 h + 1}.
     */
    public static double[] design(int up, int down) {
        int max = Math.max(up, down);
        int h = HALF_LENGTH_FACTOR * max;
        int length = 2 * h + 1;
        double cutoff = 1.0 / max;
        double[] w = Windows.kaiser(length, KAISER_BETA);
        double[] taps = new double[length];
        double sum = 0;
        for (int k = 0; k < length; k++) {
            double m = k - h;
            taps[k] = cutoff * sinc(cutoff * m) * w[k];
            sum += taps[k];
        }
        for (int k = 0; k < length; k++) {
            taps[k] = taps[k] / sum * up;
        }
        return taps;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** Reduced interpolation factor. */
    public int up() {
        return up;
    }

    /** Reduced decimation factor. */
    public int down() {
        return down;
    }

    /** Most output samples {@code inputSamples} new input samples can produce (also bounds {@link #flush}). */
    public int maxOutput(int inputSamples) {
        return (int) (((long) inputSamples + half / up + 2) * up / down) + 2;
    }

    public void reset() {
        java.util.Arrays.fill(history, 0.0);
        writePos = 0;
        inCount = 0;
        realCount = 0;
        outCount = 0;
        nextTop = half / up;
        nextPhase = half % up;
    }

    /** Resamples {@code n} samples of {@code in}; writes the outputs now due to {@code out}; returns how many. */
    public int process(float[] in, int off, int n, float[] out, int outOff) {
        int produced = 0;
        for (int i = 0; i < n; i++) {
            produced += push(in[off + i], out, outOff + produced, Long.MAX_VALUE);
        }
        realCount += n;
        return produced;
    }

    /** Double-precision variant of {@link #process(float[], int, int, float[], int)}. */
    public int process(double[] in, int off, int n, double[] out, int outOff) {
        int produced = 0;
        for (int i = 0; i < n; i++) {
            produced += pushDouble(in[off + i], out, outOff + produced);
        }
        realCount += n;
        return produced;
    }

    /**
     * End of the signal: the remaining outputs, computed as if zeros followed, up to scipy's total of
     * {@code ceil(n up / down)}. Returns how many were written. Call {@link #reset()} before reuse.
     */
    public int flush(float[] out, int outOff) {
        long total = (realCount * up + down - 1) / down;
        int produced = 0;
        while (outCount < total) {
            produced += push(0.0, out, outOff + produced, total);
        }
        return produced;
    }

    /** Double-precision variant of {@link #flush(float[], int)}. */
    public int flush(double[] out, int outOff) {
        long total = (realCount * up + down - 1) / down;
        int produced = 0;
        while (outCount < total) {
            append(0.0);
            while (outCount < total && ready()) {
                out[outOff + produced++] = next();
            }
        }
        return produced;
    }

    private int push(double x, float[] out, int at, long limit) {
        append(x);
        int produced = 0;
        while (outCount < limit && ready()) {
            out[at + produced++] = (float) next();
        }
        return produced;
    }

    private int pushDouble(double x, double[] out, int at) {
        append(x);
        int produced = 0;
        while (ready()) {
            out[at + produced++] = next();
        }
        return produced;
    }

    private void append(double x) {
        history[writePos] = x;
        history[writePos + historyLength] = x;
        writePos = writePos + 1 == historyLength ? 0 : writePos + 1;
        inCount++;
    }

    /** Whether output {@code outCount} depends only on inputs received. */
    private boolean ready() {
        return nextTop <= inCount - 1;
    }

    private double next() {
        double[] taps = phaseTaps[nextPhase];
        int count = taps.length;
        // the newest sample (index inCount - 1) sits at writePos - 1 + historyLength in the doubled history
        int newest = writePos - 1 + historyLength - (int) (inCount - 1 - nextTop);
        int start = newest - count + 1;
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int k = 0;
        for (; k + 3 < count; k += 4) {
            a0 += taps[k] * history[start + k];
            a1 += taps[k + 1] * history[start + k + 1];
            a2 += taps[k + 2] * history[start + k + 2];
            a3 += taps[k + 3] * history[start + k + 3];
        }
        for (; k < count; k++) {
            a0 += taps[k] * history[start + k];
        }
        outCount++;
        nextTop += stepTop;
        nextPhase += stepPhase;
        if (nextPhase >= up) {
            nextPhase -= up;
            nextTop++;
        }
        return (a0 + a1) + (a2 + a3);
    }
}
