package org.frisson.calibration;

/**
 * Per-feature standardization z = (x - mean) / scale with the population standard deviation (as scikit-learn's
 * StandardScaler). A feature whose variance lies within the rounding bound of the two-pass algorithm,
 * var &lt;= n·ε·var + (n·ε·mean)² (Chan, Golub &amp; LeVeque 1983), counts as constant and keeps scale 1.
 */
record FeatureScaling(double[] mean, double[] scale) {

    private static final double EPS = Math.ulp(1.0);

    /** Fitted on the given rows of x (all rows when {@code rows} is null). */
    static FeatureScaling fit(double[][] x, int[] rows) {
        int p = x[0].length;
        int n = rows == null ? x.length : rows.length;
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int i = 0; i < n; i++) {
            double[] row = x[rows == null ? i : rows[i]];
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            double[] row = x[rows == null ? i : rows[i]];
            for (int j = 0; j < p; j++) {
                double d = row[j] - mean[j];
                scale[j] += d * d;
            }
        }
        for (int j = 0; j < p; j++) {
            double var = scale[j] / n;
            double bound = n * EPS * var + Math.pow(n * EPS * mean[j], 2);
            // constant when var <= n·ε·var + (n·ε·mean)² (Chan, Golub & LeVeque 1983)
            scale[j] = var <= bound ? 1 : Math.sqrt(var);
        }
        return new FeatureScaling(mean, scale);
    }

    /** The standardized rows (all rows when {@code rows} is null). */
    double[][] apply(double[][] x, int[] rows) {
        int n = rows == null ? x.length : rows.length;
        double[][] z = new double[n][mean.length];
        for (int i = 0; i < n; i++) {
            double[] row = x[rows == null ? i : rows[i]];
            for (int j = 0; j < mean.length; j++) {
                z[i][j] = (row[j] - mean[j]) / scale[j];
            }
        }
        return z;
    }
}
