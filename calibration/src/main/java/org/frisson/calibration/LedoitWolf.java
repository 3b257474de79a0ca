package org.frisson.calibration;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Ledoit-Wolf shrinkage of a covariance toward a scaled identity (Ledoit &amp; Wolf 2004, J. Multivar. Anal.
 * 88:365, Lemma 3.2 / Theorem 3.3): Σ = (1-δ)S + δ·μI with S = XᵀX/n of the centered rows, μ = tr(S)/p,
 * d² = ‖S - μI‖²/p, b̄² = Σ_k ‖x_k x_kᵀ - S‖²/(n²p), δ = min(b̄², d²)/d² (0 when that is 0/0).
 */
final class LedoitWolf {

    private LedoitWolf() {
    }

    /** The shrunk covariance of {@code rows} (centered here by their mean). */
    static DMatrixRMaj covariance(double[][] rows) {
        DMatrixRMaj x = centered(rows);
        DMatrixRMaj s = empirical(x);
        double delta = shrinkage(x, s);
        int p = s.numRows;
        double mu = CommonOps_DDRM.trace(s) / p;
        CommonOps_DDRM.scale(1 - delta, s);
        for (int i = 0; i < p; i++) {
            s.add(i, i, delta * mu);
        }
        return s;
    }

    /** The shrinkage intensity δ for {@code rows} (centered here by their mean). */
    static double shrinkage(double[][] rows) {
        DMatrixRMaj x = centered(rows);
        return shrinkage(x, empirical(x));
    }

    private static double shrinkage(DMatrixRMaj x, DMatrixRMaj s) {
        int n = x.numRows;
        int p = x.numCols;
        if (p == 1) {
            return 0; // a 1×1 covariance is its own target
        }
        double mu = CommonOps_DDRM.trace(s) / p;
        double sNorm2 = 0;
        for (double v : s.data) {
            sNorm2 += v * v;
        }
        // Σ_k ‖x_k x_kᵀ - S‖² = Σ_k ‖x_k‖⁴ - n‖S‖²
        double fourth = 0;
        for (int k = 0; k < n; k++) {
            double norm2 = 0;
            for (int j = 0; j < p; j++) {
                double v = x.data[k * p + j];
                norm2 += v * v;
            }
            fourth += norm2 * norm2;
        }
        double d2 = (sNorm2 - p * mu * mu) / p;
        double b2 = Math.min((fourth / n - sNorm2) / ((double) n * p), d2);
        // δ = min(b̄², d²) / d² (Ledoit & Wolf 2004, Lemma 3.2-3.4)
        return b2 == 0 ? 0 : b2 / d2;
    }

    private static DMatrixRMaj empirical(DMatrixRMaj centered) {
        DMatrixRMaj s = new DMatrixRMaj(centered.numCols, centered.numCols);
        CommonOps_DDRM.multInner(centered, s);
        CommonOps_DDRM.divide(s, centered.numRows);
        return s;
    }

    private static DMatrixRMaj centered(double[][] rows) {
        int n = rows.length;
        int p = rows[0].length;
        double[] mean = new double[p];
        for (double[] row : rows) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        DMatrixRMaj x = new DMatrixRMaj(n, p);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < p; j++) {
                x.data[k * p + j] = rows[k][j] - mean[j];
            }
        }
        return x;
    }
}
