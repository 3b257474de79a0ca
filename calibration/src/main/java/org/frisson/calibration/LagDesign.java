package org.frisson.calibration;

import org.ejml.data.DMatrixRMaj;

/**
 * The finite-impulse-response design of an encoding model (seed 000): the row for grid time t holds the k
 * components at t - lag for every lag, lag-major (column {@code lagIndex · k + component}). Times before the
 * first grid row are zeros: after z-scoring that is the components' mean, i.e. an average stimulus.
 */
final class LagDesign {

    private LagDesign() {
    }

    /** Every whole grid step from 0 up to {@code maxLagSeconds}: 0, 1, ..., floor(maxLagSeconds · rate). */
    static int[] lags(double rate, double maxLagSeconds) {
        int last = (int) Math.floor(maxLagSeconds * rate + 1e-9);
        int[] lags = new int[last + 1];
        for (int i = 0; i <= last; i++) {
            lags[i] = i;
        }
        return lags;
    }

    /** The design for every grid row of {@code components[time][k]}. */
    static DMatrixRMaj build(double[][] components, int[] lags) {
        int n = components.length;
        int k = components[0].length;
        int p = lags.length * k;
        DMatrixRMaj design = new DMatrixRMaj(n, p);
        double[] data = design.data;
        for (int t = 0; t < n; t++) {
            for (int l = 0; l < lags.length; l++) {
                int source = t - lags[l];
                if (source >= 0) {
                    // x(t)[l·k + c] = z_c(t - lag_l): finite-impulse-response regressors (seed 000)
                    System.arraycopy(components[source], 0, data, t * p + l * k, k);
                }
            }
        }
        return design;
    }
}
