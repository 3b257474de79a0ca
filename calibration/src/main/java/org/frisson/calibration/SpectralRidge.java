package org.frisson.calibration;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;

/**
 * Ridge regression through the SVD of the centered design X = U S Vᵀ: w(λ) = V diag(s/(s²+λ)) Uᵀy
 * = V diag(1/(s²+λ)) Vᵀ Xᵀy (Hoerl &amp; Kennard 1970; Hastie, Tibshirani &amp; Friedman, ESL 2nd ed. eq. 3.47).
 * V and s² are taken from EJML's symmetric eigendecomposition of XᵀX = V S² Vᵀ: a fold's XᵀX is assembled from
 * per-track sums, and the p×p eigendecomposition costs a fraction of the n×p SVD. One decomposition serves every
 * response and every λ.
 */
final class SpectralRidge {

    private final DMatrixRMaj v;
    private final double[] s2;

    private SpectralRidge(DMatrixRMaj v, double[] s2) {
        this.v = v;
        this.s2 = s2;
    }

    /** Decomposes XᵀX of the centered design (left untouched). */
    static SpectralRidge of(DMatrixRMaj centeredGram) {
        int p = centeredGram.numRows;
        SymmetricQRAlgorithmDecomposition_DDRM eig = new SymmetricQRAlgorithmDecomposition_DDRM(true);
        // eigenvalues first, then each vector: faster than carrying the vectors through every QR step
        eig.setComputeVectorsWithValues(false);
        if (!eig.decompose(centeredGram.copy())) {
            throw new IllegalStateException("the eigendecomposition of a " + p + "x" + p + " design Gram matrix failed");
        }
        DMatrixRMaj v = new DMatrixRMaj(p, p);
        double[] s2 = new double[p];
        for (int i = 0; i < p; i++) {
            // a positive semi-definite matrix: negative eigenvalues are rounding
            s2[i] = Math.max(0, eig.getEigenvalue(i).real);
            DMatrixRMaj vector = eig.getEigenVector(i);
            for (int a = 0; a < p; a++) {
                v.data[a * p + i] = vector.data[a];
            }
        }
        return new SpectralRidge(v, s2);
    }

    /** Vᵀ·(centered XᵀY): the responses' cross products in the singular basis, [p][response]. */
    DMatrixRMaj rotate(DMatrixRMaj centeredCross) {
        DMatrixRMaj z = new DMatrixRMaj(v.numCols, centeredCross.numCols);
        CommonOps_DDRM.multTransA(v, centeredCross, z);
        return z;
    }

    /** Design rows (centered with the training mean) in the singular basis: X·V. */
    DMatrixRMaj rotateRows(DMatrixRMaj centeredRows) {
        DMatrixRMaj xv = new DMatrixRMaj(centeredRows.numRows, v.numCols);
        CommonOps_DDRM.mult(centeredRows, v, xv);
        return xv;
    }

    /**
     * Weights in the singular basis for every λ and response: column {@code l · R + j} is diag(1/(s²+λ_l)) z_j, so
     * that (X·V) times it predicts response j with penalty λ_l.
     */
    DMatrixRMaj shrinkAll(DMatrixRMaj z, double[] lambdas) {
        int p = z.numRows;
        int r = z.numCols;
        DMatrixRMaj out = new DMatrixRMaj(p, lambdas.length * r);
        int width = out.numCols;
        for (int a = 0; a < p; a++) {
            for (int l = 0; l < lambdas.length; l++) {
                double f = 1 / (s2[a] + lambdas[l]);
                for (int j = 0; j < r; j++) {
                    out.data[a * width + l * r + j] = z.data[a * r + j] * f;
                }
            }
        }
        return out;
    }

    /** Weights in the singular basis with one λ per response: column j is diag(1/(s²+λ_j)) z_j. */
    DMatrixRMaj shrink(DMatrixRMaj z, double[] lambdaPerResponse) {
        int p = z.numRows;
        int r = z.numCols;
        DMatrixRMaj out = new DMatrixRMaj(p, r);
        for (int a = 0; a < p; a++) {
            for (int j = 0; j < r; j++) {
                // Vᵀw = diag(1/(s² + λ)) VᵀXᵀy (Hoerl & Kennard 1970; ESL eq. 3.47)
                out.data[a * r + j] = z.data[a * r + j] / (s2[a] + lambdaPerResponse[j]);
            }
        }
        return out;
    }

    /** Weights in design coordinates: V times the shrunk coordinates, [p][response]. */
    DMatrixRMaj weights(DMatrixRMaj shrunk) {
        DMatrixRMaj w = new DMatrixRMaj(v.numRows, shrunk.numCols);
        CommonOps_DDRM.mult(v, shrunk, w);
        return w;
    }
}
