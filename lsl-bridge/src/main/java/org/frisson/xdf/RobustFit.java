package org.frisson.xdf;

/**
 * A straight line {@code y = a + b*x} fitted with the Huber loss by ADMM, as pyxdf fits clock offsets:
 * outlying offset measurements (a slow round trip) pull on the line far less than in least squares.
 * The x values are shifted by their minimum while fitting, for conditioning.
 */
final class RobustFit {

    private static final double RHO = 1.0;
    private static final int ITERATIONS = 1000;

    private RobustFit() {
    }

    /**
     * @return {a, b}
     * @throws ArithmeticException when the normal matrix is not positive definite (all x equal)
     */
    static double[] fit(double[] x, double[] y, int from, int to) {
        int n = to - from;
        double shift = Double.POSITIVE_INFINITY;
        for (int i = from; i < to; i++) {
            shift = Math.min(shift, x[i]);
        }
        double[] xs = new double[n];
        double sx = 0;
        double sxx = 0;
        double sy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            xs[i] = x[from + i] - shift;
            sx += xs[i];
            sxx += xs[i] * xs[i];
            sy += y[from + i];
            sxy += xs[i] * y[from + i];
        }
        // Cholesky factor L of [[n, sx], [sx, sxx]]
        double l11 = Math.sqrt(n);
        double l21 = sx / l11;
        double pivot = sxx - l21 * l21;
        if (!(n > 0) || !(pivot > 0)) {
            throw new ArithmeticException("clock offsets all measured at the same time: no line through them");
        }
        double l22 = Math.sqrt(pivot);
        double[] z = new double[n];
        double[] u = new double[n];
        double a = 0;
        double b = 0;
        double kd = RHO / (1 + RHO);
        double kt = 1 / (1 + RHO);
        double huber = 1 + 1 / RHO;
        for (int it = 0; it < ITERATIONS; it++) {
            double r0 = sy;
            double r1 = sxy;
            for (int i = 0; i < n; i++) {
                double zu = z[i] - u[i];
                r0 += zu;
                r1 += xs[i] * zu;
            }
            double w0 = r0 / l11;
            double w1 = (r1 - l21 * w0) / l22;
            b = w1 / l22;
            a = (w0 - l21 * b) / l11;
            for (int i = 0; i < n; i++) {
                double d = a + b * xs[i] - y[from + i] + u[i];
                double inv = d != 0 ? 1 / d : 0;
                double t = Math.max(0, 1 - huber * Math.abs(inv));
                z[i] = kd * d + kt * t * d;
                u[i] = d - z[i];
            }
        }
        return new double[]{a - b * shift, b};
    }
}
