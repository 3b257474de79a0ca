package org.frisson.dsp;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The one-sided spectrum of a real frame, by JTransforms' real FFT. Power-of-two lengths run without
 * allocating; for other lengths JTransforms' mixed-radix path allocates a scratch array on every call,
 * so the streaming features round their FFT length up to a power of two (zero padding). Lengths of
 * 8192 and above would make JTransforms fork threads; the features here stay below that.
 */
public final class RealFft {

    private final int n;
    private final DoubleFFT_1D fft;

    public RealFft(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("FFT length must be at least 2, got " + n);
        }
        this.n = n;
        this.fft = new DoubleFFT_1D(n);
    }

    /** FFT length. */
    public int length() {
        return n;
    }

    /** Number of one-sided bins: {@code n / 2 + 1}. */
    public int bins() {
        return n / 2 + 1;
    }

    /** Whether {@code n} is a power of two (the allocation-free case). */
    public static boolean isPowerOfTwo(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /** Smallest power of two not below {@code n}. */
    public static int nextPowerOfTwo(int n) {
        if (n <= 1) {
            return 1;
        }
        return Integer.highestOneBit(n - 1) << 1;
    }

    /**
     * Writes {@code |X[k]|^2} for k = 0..n/2 into {@code power}, where X is the DFT of {@code frame[0..n)}.
     * {@code frame} is overwritten (it is the FFT's work array).
     */
    public void power(double[] frame, double[] power) {
        fft.realForward(frame);
        int half = n / 2;
        power[0] = frame[0] * frame[0];
        if ((n & 1) == 0) {
            power[half] = frame[1] * frame[1];
            for (int k = 1; k < half; k++) {
                double re = frame[2 * k];
                double im = frame[2 * k + 1];
                power[k] = re * re + im * im;
            }
        } else {
            for (int k = 1; k < half; k++) {
                double re = frame[2 * k];
                double im = frame[2 * k + 1];
                power[k] = re * re + im * im;
            }
            double re = frame[n - 1];
            double im = frame[1];
            power[half] = re * re + im * im;
        }
    }
}
