package org.frisson.calibration;

/**
 * Pearson's correlation r = Σ(x-x̄)(y-ȳ) / sqrt(Σ(x-x̄)² · Σ(y-ȳ)²), two passes (the means first) for accuracy.
 * NaN with fewer than two values or when either side is constant.
 */
final class Pearson {

    private Pearson() {
    }

    static double r(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("correlation of " + x.length + " values with " + y.length);
        }
        return r(x, 0, 1, y, 0, 1, x.length);
    }

    /** r of {@code x[xFrom + i·xStride]} with {@code y[yFrom + i·yStride]}, i = 0..n-1. */
    static double r(double[] x, int xFrom, int xStride, double[] y, int yFrom, int yStride, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[xFrom + i * xStride];
            my += y[yFrom + i * yStride];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[xFrom + i * xStride] - mx;
            double dy = y[yFrom + i * yStride] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        // r = Σ(x-x̄)(y-ȳ) / sqrt(Σ(x-x̄)² Σ(y-ȳ)²) (Pearson 1896)
        double r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
        return Math.max(-1, Math.min(1, r));
    }
}
