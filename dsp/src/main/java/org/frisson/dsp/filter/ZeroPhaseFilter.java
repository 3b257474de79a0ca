package org.frisson.dsp.filter;

/**
 * Offline zero-phase filtering of a whole record, equal to scipy's
 * {@code sosfiltfilt(sos, x)} with its defaults: odd extension of {@link Sos#filtfiltPadLength()} samples
 * at both ends, forward pass started in steady state at the first extended sample, backward pass started
 * in steady state at the last forward output, extension removed. The result has no phase shift and the
 * squared magnitude response of {@code sos}. Work space for records up to {@code maxLength} samples is
 * allocated once.
 */
public final class ZeroPhaseFilter {

    private final double[] c;
    private final int sections;
    private final int pad;
    private final double[] unitStep;
    private final double[] ext;
    private final double[] z;
    private final int maxLength;

    public ZeroPhaseFilter(Sos sos, int maxLength) {
        this.c = sos.coefficients();
        this.sections = sos.sections();
        this.pad = sos.filtfiltPadLength();
        this.unitStep = sos.steadyStateUnitStep();
        this.maxLength = maxLength;
        this.ext = new double[maxLength + 2 * pad];
        this.z = new double[2 * sections];
    }

    /** Samples added at each end before filtering; a record must be longer than this. */
    public int padLength() {
        return pad;
    }

    /** Filters {@code x[off..off+n)} into {@code out[outOff..outOff+n)} ({@code out} may be {@code x}). */
    public void apply(double[] x, int off, int n, double[] out, int outOff) {
        if (n <= pad) {
            throw new IllegalArgumentException("zero-phase filtering needs more than " + pad
                    + " samples (the edge extension), got " + n);
        }
        if (n > maxLength) {
            throw new IllegalArgumentException("record of " + n + " samples exceeds this filter's capacity of "
                    + maxLength);
        }
        int len = n + 2 * pad;
        double first = x[off], last = x[off + n - 1];
        for (int i = 0; i < pad; i++) {
            ext[i] = 2 * first - x[off + pad - i];
            ext[pad + n + i] = 2 * last - x[off + n - 2 - i];
        }
        System.arraycopy(x, off, ext, pad, n);
        run(ext, 0, len, 1, ext[0]);
        run(ext, len - 1, len, -1, ext[len - 1]);
        System.arraycopy(ext, pad, out, outOff, n);
    }

    private void run(double[] a, int start, int len, int step, double x0) {
        for (int i = 0; i < 2 * sections; i++) {
            z[i] = unitStep[i] * x0;
        }
        for (int i = 0, idx = start; i < len; i++, idx += step) {
            double y = a[idx];
            for (int s = 0; s < sections; s++) {
                int k = 6 * s;
                double in = y;
                y = c[k] * in + z[2 * s];
                z[2 * s] = c[k + 1] * in - c[k + 4] * y + z[2 * s + 1];
                z[2 * s + 1] = c[k + 2] * in - c[k + 5] * y;
            }
            a[idx] = y;
        }
    }
}
