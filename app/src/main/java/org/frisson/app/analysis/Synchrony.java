package org.frisson.app.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Inter-subject correlation (ISC) of an audience's physiology over sliding windows, leave-one-out (each listener
 * against the mean of the others, as Nastase et al. 2019, "Measuring shared responses across subjects using
 * intersubject correlation", SCAN, define it): in each window every signal is linearly detrended (so the slow
 * tonic drift all listeners share over a concert does not count as synchrony), each listener's Pearson r with the
 * mean of the others is taken, and the window's ISC is the mean of their Fisher z, back to r. The significance of
 * the audience's mean ISC comes from a circular-shift null (the same paper): each listener's whole series is
 * shifted by its own random offset of at least one window, which keeps every signal's own structure and breaks only
 * the shared timing.
 *
 * <p>Signals are on one grid (rows: listeners; NaN where a listener has no data). Pure computation, no I/O.
 */
final class Synchrony {

    /** The windows' ISC and the test. */
    record Result(double[] windowCentres, double[] isc, int[] listenersPerWindow, double meanIsc, double[] nullMeans,
                  double p) {
    }

    private Synchrony() {
    }

    /**
     * @param t       the grid's times, s
     * @param x       x[listener][sample] on the grid
     * @param window  window length in samples
     * @param step    samples between window starts
     * @param shifts  circular shifts of the null distribution
     * @param seed    for the shifts
     */
    static Result analyze(double[] t, double[][] x, int window, int step, int shifts, long seed) {
        int n = t.length;
        if (x.length < 3) {
            throw new IllegalArgumentException("synchrony needs at least 3 listeners, got " + x.length);
        }
        if (window < 4 || n < window) {
            throw new IllegalArgumentException("the recording holds " + n + " grid points, fewer than one window of "
                    + window);
        }
        int windows = (n - window) / step + 1;
        double[] centres = new double[windows];
        double[] isc = new double[windows];
        int[] counts = new int[windows];
        for (int w = 0; w < windows; w++) {
            int from = w * step;
            centres[w] = 0.5 * (t[from] + t[from + window - 1]);
        }
        double meanIsc = audience(x, window, step, windows, isc, counts);
        double[] nulls = new double[shifts];
        SplittableRandom r = new SplittableRandom(seed);
        double[][] shifted = new double[x.length][n];
        double[] scratchIsc = new double[windows];
        int[] scratchCounts = new int[windows];
        int exceed = 0;
        for (int s = 0; s < shifts; s++) {
            for (int i = 0; i < x.length; i++) {
                int by = window + r.nextInt(Math.max(1, n - 2 * window));
                for (int k = 0; k < n; k++) {
                    shifted[i][(k + by) % n] = x[i][k];
                }
            }
            nulls[s] = audience(shifted, window, step, windows, scratchIsc, scratchCounts);
            exceed += nulls[s] >= meanIsc ? 1 : 0;
        }
        return new Result(centres, isc, counts, meanIsc, nulls, (1.0 + exceed) / (1.0 + shifts));
    }

    /** Fills the windows' ISC; returns their mean (in Fisher z, back to r); NaN where fewer than 3 listeners have data. */
    private static double audience(double[][] x, int window, int step, int windows, double[] isc, int[] counts) {
        int m = x.length;
        double[][] d = new double[m][window];
        boolean[] ok = new boolean[m];
        double[] others = new double[window];
        double[] total = new double[window];
        double zSum = 0;
        int zCount = 0;
        for (int w = 0; w < windows; w++) {
            int from = w * step;
            int present = 0;
            for (int i = 0; i < m; i++) {
                ok[i] = detrended(x[i], from, window, d[i]);
                present += ok[i] ? 1 : 0;
            }
            counts[w] = present;
            if (present < 3) {
                isc[w] = Double.NaN;
                continue;
            }
            Arrays.fill(total, 0);
            for (int i = 0; i < m; i++) {
                if (ok[i]) {
                    for (int k = 0; k < window; k++) {
                        total[k] += d[i][k];
                    }
                }
            }
            double z = 0;
            int used = 0;
            for (int i = 0; i < m; i++) {
                if (!ok[i]) {
                    continue;
                }
                for (int k = 0; k < window; k++) {
                    others[k] = total[k] - d[i][k]; // the sum of the others: r is the same as with their mean
                }
                double rho = pearson(d[i], others);
                if (Double.isFinite(rho)) {
                    z += atanh(rho);
                    used++;
                }
            }
            isc[w] = used == 0 ? Double.NaN : Math.tanh(z / used);
            if (used > 0) {
                zSum += z / used;
                zCount++;
            }
        }
        return zCount == 0 ? Double.NaN : Math.tanh(zSum / zCount);
    }

    /** {@code x[from, from+len)} minus its least-squares line into {@code out}; false if any value is missing. */
    static boolean detrended(double[] x, int from, int len, double[] out) {
        double mk = (len - 1) / 2.0;
        double mean = 0;
        for (int k = 0; k < len; k++) {
            double v = x[from + k];
            if (!Double.isFinite(v)) {
                return false;
            }
            mean += v;
        }
        mean /= len;
        double skv = 0;
        double skk = 0;
        for (int k = 0; k < len; k++) {
            skv += (k - mk) * (x[from + k] - mean);
            skk += (k - mk) * (k - mk);
        }
        double slope = skv / skk;
        for (int k = 0; k < len; k++) {
            out[k] = x[from + k] - mean - slope * (k - mk);
        }
        return true;
    }

    static double pearson(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int k = 0; k < a.length; k++) {
            ma += a[k];
            mb += b[k];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int k = 0; k < a.length; k++) {
            sab += (a[k] - ma) * (b[k] - mb);
            saa += (a[k] - ma) * (a[k] - ma);
            sbb += (b[k] - mb) * (b[k] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Fisher z, with r clipped just inside ±1 so a perfect window does not make the mean infinite. */
    private static double atanh(double r) {
        double c = Math.max(-0.999999, Math.min(0.999999, r));
        return 0.5 * Math.log((1 + c) / (1 - c));
    }

    /** {@code values} sampled at {@code stamps}, linearly interpolated onto {@code grid}; NaN across gaps over {@code maxGap} s. */
    static double[] onGrid(double[] stamps, double[] values, double[] grid, double maxGap) {
        double[] out = new double[grid.length];
        int j = 0;
        for (int g = 0; g < grid.length; g++) {
            double t = grid[g];
            while (j + 1 < stamps.length && stamps[j + 1] <= t) {
                j++;
            }
            if (stamps.length < 2 || t < stamps[0] || t > stamps[stamps.length - 1] || j + 1 >= stamps.length
                    && t != stamps[j]) {
                out[g] = Double.NaN;
                continue;
            }
            if (j + 1 >= stamps.length || stamps[j + 1] - stamps[j] > maxGap) {
                out[g] = t == stamps[j] ? values[j] : Double.NaN;
                continue;
            }
            double f = (t - stamps[j]) / (stamps[j + 1] - stamps[j]);
            out[g] = values[j] + f * (values[j + 1] - values[j]);
        }
        return out;
    }
}
