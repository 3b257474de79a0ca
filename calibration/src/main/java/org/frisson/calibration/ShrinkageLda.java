package org.frisson.calibration;

import java.util.stream.IntStream;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A two-class linear discriminant with a shrunk covariance, the subject-specific readout of seed 001, computed as
 * scikit-learn's {@code LinearDiscriminantAnalysis(solver='lsqr', shrinkage='auto')} does on standardized
 * features:
 * <ul>
 * <li>features standardized with the training mean and population standard deviation;</li>
 * <li>per class, the Ledoit-Wolf shrunk covariance of the class's rows standardized within the class, scaled back
 * (Σ_k = D_k·LW(class rows / D_k)·D_k, D_k the class standard deviations); the within-class covariance
 * Σ = Σ_k π_k·Σ_k with empirical priors π_k = n_k/n;</li>
 * <li>Σ·a_k = μ_k solved in the least-squares sense (minimum norm when Σ is singular); the decision
 * d(x) = (a_high - a_low)·z + b, b = -½(μ_high·a_high - μ_low·a_low) + ln(π_high/π_low) (Duda, Hart &amp; Stork
 * 2001, §2.6.2); P(high | x) = 1/(1 + e^(-d)).</li>
 * </ul>
 */
public final class ShrinkageLda {

    private final double[] mean;
    private final double[] scale;
    private final double[] weights;
    private final double bias;

    private ShrinkageLda(double[] mean, double[] scale, double[] weights, double bias) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.bias = bias;
    }

    /** Fits on {@code x[window][feature]} (finite) with labels {@code high[window]}; needs two windows per class. */
    public static ShrinkageLda fit(double[][] x, boolean[] high) {
        int p = Checks.width(x, "x");
        Checks.finite(x, "x");
        Checks.present(high, "high");
        Checks.sameLength(x.length, "x", high.length, "high");
        int nHigh = 0;
        for (boolean h : high) {
            nHigh += h ? 1 : 0;
        }
        int nLow = high.length - nHigh;
        if (nHigh < 2 || nLow < 2) {
            throw new IllegalArgumentException("high: a discriminant needs at least 2 windows of each class, got "
                    + nHigh + " high and " + nLow + " low");
        }
        FeatureScaling scaling = FeatureScaling.fit(x, null);
        double[][] z = scaling.apply(x, null);
        int[] highRows = rowsWhere(high, true);
        int[] lowRows = rowsWhere(high, false);
        double priorHigh = (double) nHigh / high.length;
        double priorLow = (double) nLow / high.length;

        DMatrixRMaj covariance = classCovariance(z, highRows);
        CommonOps_DDRM.scale(priorHigh, covariance);
        DMatrixRMaj low = classCovariance(z, lowRows);
        CommonOps_DDRM.addEquals(covariance, priorLow, low);

        DMatrixRMaj means = new DMatrixRMaj(p, 2);
        double[] muLow = classMean(z, lowRows);
        double[] muHigh = classMean(z, highRows);
        for (int j = 0; j < p; j++) {
            means.set(j, 0, muLow[j]);
            means.set(j, 1, muHigh[j]);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!solver.setA(covariance)) {
            throw new IllegalStateException("the within-class covariance could not be decomposed");
        }
        DMatrixRMaj a = new DMatrixRMaj(p, 2);
        solver.solve(means, a);
        double[] weights = new double[p];
        double dotHigh = 0;
        double dotLow = 0;
        for (int j = 0; j < p; j++) {
            weights[j] = a.get(j, 1) - a.get(j, 0);
            dotHigh += muHigh[j] * a.get(j, 1);
            dotLow += muLow[j] * a.get(j, 0);
        }
        // w = Σ⁻¹(μ₁-μ₀), b = -½(μ₁ᵀΣ⁻¹μ₁ - μ₀ᵀΣ⁻¹μ₀) + ln(π₁/π₀) (Duda, Hart & Stork 2001, §2.6.2)
        double bias = -0.5 * (dotHigh - dotLow) + Math.log(priorHigh / priorLow);
        return new ShrinkageLda(scaling.mean(), scaling.scale(), weights, bias);
    }

    /** A readout from its parts, as read back from a file; checked and copied. */
    public static ShrinkageLda of(double[] mean, double[] scale, double[] weights, double bias) {
        Checks.present(mean, "mean");
        Checks.present(scale, "scale");
        Checks.present(weights, "weights");
        if (scale.length != mean.length) {
            throw new IllegalArgumentException("scale has " + scale.length + " values, mean has " + mean.length);
        }
        if (weights.length != mean.length) {
            throw new IllegalArgumentException("weights has " + weights.length + " values, mean has " + mean.length);
        }
        Checks.finite(mean, "mean");
        Checks.finite(weights, "weights");
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] > 0) || Double.isInfinite(scale[j])) {
                throw new IllegalArgumentException("scale value " + j + " must be positive, got " + scale[j]);
            }
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("bias is " + bias);
        }
        return new ShrinkageLda(mean.clone(), scale.clone(), weights.clone(), bias);
    }

    /** P(high | x), x with the training features in order; allocates nothing. */
    public double probability(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("x has " + x.length + " features, the readout has " + mean.length);
        }
        double d = bias;
        for (int j = 0; j < mean.length; j++) {
            d += weights[j] * ((x[j] - mean[j]) / scale[j]);
        }
        // the logistic function, without overflow for large |d|
        if (d >= 0) {
            return 1 / (1 + Math.exp(-d));
        }
        double e = Math.exp(d);
        return e / (1 + e);
    }

    /** Training feature means. */
    public double[] mean() {
        return mean.clone();
    }

    /** Training feature standard deviations (1 for a constant feature). */
    public double[] scale() {
        return scale.clone();
    }

    /** Discriminant weights on the standardized features. */
    public double[] weights() {
        return weights.clone();
    }

    public double bias() {
        return bias;
    }

    /** scikit-learn's 'auto' shrinkage of one class: Ledoit-Wolf on the class standardized within itself. */
    private static DMatrixRMaj classCovariance(double[][] z, int[] rows) {
        FeatureScaling within = FeatureScaling.fit(z, rows);
        DMatrixRMaj c = LedoitWolf.covariance(within.apply(z, rows));
        double[] s = within.scale();
        int p = s.length;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                c.data[i * p + j] *= s[i] * s[j];
            }
        }
        return c;
    }

    private static double[] classMean(double[][] z, int[] rows) {
        double[] m = new double[z[0].length];
        for (int i : rows) {
            for (int j = 0; j < m.length; j++) {
                m[j] += z[i][j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= rows.length;
        }
        return m;
    }

    private static int[] rowsWhere(boolean[] high, boolean value) {
        return IntStream.range(0, high.length).filter(i -> high[i] == value).toArray();
    }
}
