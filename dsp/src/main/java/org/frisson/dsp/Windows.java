package org.frisson.dsp;

/**
 * Window functions, each defined exactly as the reference tool that the features are checked against
 * defines it. Allocation happens here, at configuration time only.
 */
public final class Windows {

    private Windows() {
    }

    /**
     * Periodic ("DFT-even") Hann window of length {@code n}: {@code 0.5 - 0.5 cos(2 pi k / n)}, k = 0..n-1.
     * This is scipy's {@code get_window('hann', n)} (fftbins=True), librosa's STFT window and VGGish's
     * {@code periodic_hann}.
     */
    public static double[] periodicHann(int n) {
        requirePositive(n);
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            w[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / n);
        }
        return w;
    }

    /**
     * MATLAB's {@code hanning(n)}: symmetric and without the zero end points,
     * {@code 0.5 - 0.5 cos(2 pi k / (n + 1))}, k = 1..n (unlike numpy's {@code hanning}, whose ends are 0).
     */
    public static double[] matlabHanning(int n) {
        requirePositive(n);
        double[] w = new double[n];
        for (int k = 1; k <= n; k++) {
            w[k - 1] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / (n + 1));
        }
        return w;
    }

    /**
     * Symmetric Kaiser window of length {@code n} with shape {@code beta}, as scipy's
     * {@code get_window(('kaiser', beta), n, fftbins=False)}.
     */
    public static double[] kaiser(int n, double beta) {
        requirePositive(n);
        double[] w = new double[n];
        if (n == 1) {
            w[0] = 1;
            return w;
        }
        double alpha = (n - 1) / 2.0;
        double norm = besselI0(beta);
        for (int k = 0; k < n; k++) {
            double r = (k - alpha) / alpha;
            w[k] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
        }
        return w;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges for all x). */
    static double besselI0(double x) {
        double q = x * x / 4;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static void requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("window length must be at least 1, got " + n);
        }
    }
}
