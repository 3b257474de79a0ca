package org.frisson.calibration;

import java.util.stream.IntStream;

import org.ejml.data.DMatrixRMaj;

/**
 * Ridge regression with an unpenalized intercept: w = argmin ‖y - ȳ - (X - x̄)w‖² + λ‖w‖², b = ȳ - x̄·w (as
 * scikit-learn's {@code Ridge(alpha=λ)}), solved through {@link SpectralRidge}.
 */
final class RidgeRegression {

    /** Weights [response][column] and intercepts [response]. */
    record Fit(double[][] weights, double[] intercept) {
    }

    private RidgeRegression() {
    }

    /** One response on every row of {@code design}. */
    static Fit fit(DMatrixRMaj design, double[] y, double lambda) {
        if (y.length != design.numRows) {
            throw new IllegalArgumentException("y has " + y.length + " rows, the design has " + design.numRows);
        }
        int[] rows = IntStream.range(0, design.numRows).toArray();
        return fit(DesignMoments.of(design, rows, new double[][] {y}), new double[] {lambda});
    }

    /** Every response of {@code m}, response j with penalty {@code lambda[j]}. */
    static Fit fit(DesignMoments m, double[] lambda) {
        SpectralRidge ridge = SpectralRidge.of(m.centeredGram());
        DMatrixRMaj w = ridge.weights(ridge.shrink(ridge.rotate(m.centeredCross()), lambda));
        double[] columnMean = m.columnMean();
        double[] responseMean = m.responseMean();
        int p = w.numRows;
        int responses = w.numCols;
        double[][] weights = new double[responses][p];
        double[] intercept = new double[responses];
        for (int j = 0; j < responses; j++) {
            double dot = 0;
            for (int a = 0; a < p; a++) {
                weights[j][a] = w.data[a * responses + j];
                dot += columnMean[a] * weights[j][a];
            }
            intercept[j] = responseMean[j] - dot;
        }
        return new Fit(weights, intercept);
    }
}
