package org.frisson.dsp.eda;

/**
 * Per-trial normalisation of skin conductance (seed 002: "normalized by trial and linearly detrended"):
 * z-score over the trial (mean 0, population standard deviation 1), then removal of the least-squares
 * line over sample index, i.e. {@code scipy.signal.detrend(scipy.stats.zscore(x), type='linear')}, which
 * equals {@code (x[t] - (a + b t)) / std(x)} with a, b the least-squares line of x.
 *
 * <p>Streaming and constant-memory: samples are accumulated (numerically stable running moments) as the
 * trial plays; once it ends, {@link #normalize(long, double)} maps any of its samples. Non-finite samples
 * take a time index but no part in the statistics, and map to NaN.
 */
public final class TrialNormalizer {

    private long t;          // next time index
    private long count;      // finite samples
    private double meanX;
    private double meanT;
    private double m2x;
    private double m2t;
    private double cxt;

    public void reset() {
        t = 0;
        count = 0;
        meanX = 0;
        meanT = 0;
        m2x = 0;
        m2t = 0;
        cxt = 0;
    }

    /** Adds the next sample of the trial. */
    public void add(double x) {
        long ti = t++;
        if (!Double.isFinite(x)) {
            return;
        }
        count++;
        double dx = x - meanX;
        double dt = ti - meanT;
        meanX += dx / count;
        meanT += dt / count;
        m2x += dx * (x - meanX);
        m2t += dt * (ti - meanT);
        cxt += dt * (x - meanX);
    }

    public void add(double[] x, int off, int n) {
        for (int i = 0; i < n; i++) {
            add(x[off + i]);
        }
    }

    /** Samples added (including non-finite ones). */
    public long length() {
        return t;
    }

    public double mean() {
        return count == 0 ? Double.NaN : meanX;
    }

    /** Population standard deviation (ddof 0, as scipy.stats.zscore). */
    public double std() {
        return count == 0 ? Double.NaN : Math.sqrt(m2x / count);
    }

    /** Slope of the least-squares line, per sample. */
    public double slope() {
        return m2t > 0 ? cxt / m2t : 0.0;
    }

    /** Value of the least-squares line at index 0. */
    public double intercept() {
        return meanX - slope() * meanT;
    }

    /** The normalised value of the trial's sample {@code x} at index {@code index}. NaN if the trial is flat. */
    public double normalize(long index, double x) {
        double sd = std();
        if (!(sd > 0) || !Double.isFinite(x)) {
            return Double.NaN;
        }
        return (x - intercept() - slope() * index) / sd;
    }

    /** Normalises a whole trial {@code x[off..off+n)} into {@code out} (may alias {@code x}). */
    public static void normalizeTrial(double[] x, int off, int n, double[] out, int outOff) {
        TrialNormalizer tn = new TrialNormalizer();
        tn.add(x, off, n);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = tn.normalize(i, x[off + i]);
        }
    }
}
