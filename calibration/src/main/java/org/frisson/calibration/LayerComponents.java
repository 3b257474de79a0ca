package org.frisson.calibration;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A layer's principal components, z-scored: {@code z_c(t) = (x(t) - mean) · basis_c / scale_c}. The basis is the
 * leading right singular vectors of the centered features X, taken as the leading eigenvectors of XᵀX (an EJML
 * symmetric eigendecomposition of a d x d matrix, d at most a layer's width, whatever the session's length n), {@code scale_c = s_c / sqrt(n - 1)} the standard deviation of
 * component c, s_c² the eigenvalue. The fit sees the stimulus features only, never a response, so fitting it on
 * every grid row (test tracks included) leaks nothing about held-out responses.
 */
final class LayerComponents {

    /**
     * Components whose singular value is below this fraction of the largest are numerically absent (eigenvalues of
     * XᵀX are good to about 1e-16 of the largest, so singular values to about 1e-8).
     */
    private static final double RANK_TOLERANCE = 1e-6;

    private final double[] mean;
    private final double[][] basis;
    private final double[] scale;

    private LayerComponents(double[] mean, double[][] basis, double[] scale) {
        this.mean = mean;
        this.basis = basis;
        this.scale = scale;
    }

    /** Fits at most {@code maxComponents} components to {@code values[time][dim]}; {@code what} names the layer. */
    static LayerComponents fit(double[][] values, int maxComponents, String what) {
        int n = values.length;
        int d = Checks.width(values, what);
        if (n < 2) {
            throw new IllegalArgumentException(what + ": principal components need at least 2 rows, got " + n);
        }
        double[] mean = new double[d];
        for (double[] row : values) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        DMatrixRMaj centered = new DMatrixRMaj(n, d);
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < d; j++) {
                centered.data[t * d + j] = values[t][j] - mean[j];
            }
        }
        DMatrixRMaj gram = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(centered, centered, gram);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(gram)) {
            throw new IllegalStateException(what + ": the eigendecomposition of the features' cross-products did not converge");
        }
        Integer[] order = new Integer[d];
        double[] s2 = new double[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
            s2[j] = Math.max(0, eig.getEigenvalue(j).getReal());
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(s2[b], s2[a]));
        int available = Math.min(n, d);
        double largest = available == 0 ? 0 : Math.sqrt(s2[order[0]]);
        int k = 0;
        while (k < Math.min(maxComponents, available) && Math.sqrt(s2[order[k]]) > RANK_TOLERANCE * largest) {
            k++;
        }
        if (k == 0) {
            throw new IllegalArgumentException(what + " is constant over the grid: it has no principal component");
        }
        double[][] basis = new double[k][d];
        double[] scale = new double[k];
        for (int c = 0; c < k; c++) {
            DMatrixRMaj vector = eig.getEigenVector(order[c]);
            double norm = CommonOps_DDRM.elementSumAbs(vector) == 0 ? 1 : Math.sqrt(CommonOps_DDRM.dot(vector, vector));
            CommonOps_DDRM.divide(vector, norm);
            int largestAt = 0;
            for (int j = 0; j < d; j++) {
                basis[c][j] = vector.get(j, 0);
                if (Math.abs(basis[c][j]) > Math.abs(basis[c][largestAt])) {
                    largestAt = j;
                }
            }
            if (basis[c][largestAt] < 0) {
                // a fixed sign: the entry of largest magnitude is positive
                for (int j = 0; j < d; j++) {
                    basis[c][j] = -basis[c][j];
                }
            }
            // sd of component c = s_c / sqrt(n - 1) for X - x̄ = U S Vᵀ (Jolliffe 2002, PCA, §3.5)
            scale[c] = Math.sqrt(s2[order[c]]) / Math.sqrt(n - 1.0);
        }
        return new LayerComponents(mean, basis, scale);
    }

    /** Components given by their parts, checked for consistent sizes and finite, positive scales. */
    static LayerComponents of(double[] mean, double[][] basis, double[] scale) {
        Checks.present(mean, "mean");
        Checks.finite(mean, "mean");
        int d = Checks.width(basis, "basis");
        Checks.finite(basis, "basis");
        if (d != mean.length) {
            throw new IllegalArgumentException("basis has rows of " + d + " values, mean has " + mean.length);
        }
        Checks.present(scale, "componentScale");
        if (scale.length != basis.length) {
            throw new IllegalArgumentException("componentScale has " + scale.length + " values, basis has "
                    + basis.length + " components");
        }
        for (int c = 0; c < scale.length; c++) {
            if (!(scale[c] > 0) || Double.isInfinite(scale[c])) {
                throw new IllegalArgumentException("componentScale value " + c + " must be positive, got " + scale[c]);
            }
        }
        double[][] b = new double[basis.length][];
        for (int c = 0; c < basis.length; c++) {
            b[c] = basis[c].clone();
        }
        return new LayerComponents(mean.clone(), b, scale.clone());
    }

    /** The z-scored components of {@code values[time][dim]}: [time][component]. */
    double[][] project(double[][] values) {
        int d = mean.length;
        int k = basis.length;
        double[][] z = new double[values.length][k];
        double[] centered = new double[d];
        for (int t = 0; t < values.length; t++) {
            double[] row = values[t];
            for (int j = 0; j < d; j++) {
                centered[j] = row[j] - mean[j];
            }
            for (int c = 0; c < k; c++) {
                double[] b = basis[c];
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += centered[j] * b[j];
                }
                z[t][c] = sum / scale[c];
            }
        }
        return z;
    }

    int count() {
        return basis.length;
    }

    int width() {
        return mean.length;
    }

    double[] mean() {
        return mean.clone();
    }

    double[][] basis() {
        double[][] b = new double[basis.length][];
        for (int c = 0; c < basis.length; c++) {
            b[c] = basis[c].clone();
        }
        return b;
    }

    double[] scale() {
        return scale.clone();
    }
}
