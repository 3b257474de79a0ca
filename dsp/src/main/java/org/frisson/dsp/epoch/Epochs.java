package org.frisson.dsp.epoch;

import java.util.ArrayList;
import java.util.List;

/**
 * A signal cut around event times on a common grid from {@code -before} to {@code after} seconds, each
 * epoch with its baseline (mean over t < 0) subtracted (seed 002: skin conductance epoched around latent
 * transitions, baseline t < 0 subtracted). Values between samples are interpolated linearly; an epoch the
 * signal does not cover, or covers with a gap longer than {@code maxGap}, is refused.
 */
public final class Epochs {

    private final double before;
    private final double after;
    private final double[] grid;
    private final List<double[]> epochs = new ArrayList<>();

    /** @param step seconds between grid points */
    public Epochs(double before, double after, double step) {
        if (!(before > 0) || !(after > 0) || !(step > 0) || step > Math.min(before, after)) {
            throw new IllegalArgumentException("epochs need before > 0 s, after > 0 s and 0 < step <= both, got "
                    + before + ", " + after + ", " + step);
        }
        this.before = before;
        this.after = after;
        int below = (int) Math.round(before / step);
        int above = (int) Math.round(after / step);
        grid = new double[below + above + 1];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (i - below) * step;
        }
    }

    /**
     * Cuts the epoch around {@code onset} from a signal ({@code stamps} increasing, one value each; NaN
     * values count as gaps). Returns whether it was kept.
     */
    public boolean add(double[] stamps, double[] values, double onset, double maxGap) {
        double from = onset - before;
        double to = onset + after;
        int n = stamps.length;
        if (n < 2 || stamps[0] > from || stamps[n - 1] < to) {
            return false;
        }
        int lo = firstAtOrAfter(stamps, from);
        lo = Math.max(0, lo - 1);
        double[] e = new double[grid.length];
        int k = lo;
        for (int i = 0; i < grid.length; i++) {
            double t = onset + grid[i];
            while (k + 1 < n - 1 && stamps[k + 1] < t) {
                k++;
            }
            double t0 = stamps[k];
            double t1 = stamps[k + 1];
            if (t1 - t0 > maxGap || !Double.isFinite(values[k]) || !Double.isFinite(values[k + 1])) {
                return false;
            }
            double w = t1 > t0 ? Math.min(1, Math.max(0, (t - t0) / (t1 - t0))) : 0;
            e[i] = values[k] + w * (values[k + 1] - values[k]);
        }
        double base = 0;
        int nb = 0;
        for (int i = 0; i < grid.length && grid[i] < 0; i++) {
            base += e[i];
            nb++;
        }
        base /= nb;
        for (int i = 0; i < e.length; i++) {
            e[i] -= base;
        }
        epochs.add(e);
        return true;
    }

    /** Seconds from the onset of each grid point. */
    public double[] times() {
        return grid.clone();
    }

    public int count() {
        return epochs.size();
    }

    /** Epoch {@code i}, baseline subtracted (a copy). */
    public double[] epoch(int i) {
        return epochs.get(i).clone();
    }

    /** Mean over epochs at each grid point (NaN without epochs). */
    public double[] mean() {
        double[] m = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            double s = 0;
            for (double[] e : epochs) {
                s += e[i];
            }
            m[i] = epochs.isEmpty() ? Double.NaN : s / epochs.size();
        }
        return m;
    }

    /** Standard error of the mean at each grid point: sample standard deviation (n - 1) over sqrt(n). */
    public double[] standardError() {
        double[] m = mean();
        double[] se = new double[grid.length];
        int n = epochs.size();
        for (int i = 0; i < grid.length; i++) {
            double ss = 0;
            for (double[] e : epochs) {
                ss += (e[i] - m[i]) * (e[i] - m[i]);
            }
            se[i] = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        }
        return se;
    }

    /** Mean of each epoch after the onset (0 < t <= after): its post-onset amplitude. */
    public double[] postOnsetMeans() {
        double[] out = new double[epochs.size()];
        for (int k = 0; k < out.length; k++) {
            double s = 0;
            int c = 0;
            for (int i = 0; i < grid.length; i++) {
                if (grid[i] > 0) {
                    s += epochs.get(k)[i];
                    c++;
                }
            }
            out[k] = s / c;
        }
        return out;
    }

    private static int firstAtOrAfter(double[] stamps, double t) {
        int lo = 0;
        int hi = stamps.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (stamps[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
