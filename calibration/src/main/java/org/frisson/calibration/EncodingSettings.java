package org.frisson.calibration;

import java.util.Arrays;
import java.util.Objects;

/**
 * Settings of the layer-wise encoding analysis (seed 000).
 *
 * @param rate          the analysis grid's rate in Hz
 * @param maxLagSeconds the longest stimulus-to-response lag of the finite-impulse-response design; lags run over
 *                      every whole grid step from 0 up to it
 * @param components    principal components kept per layer (fewer when the layer is narrower)
 * @param lambdas       the ridge penalties the inner cross-validation chooses from (all &gt; 0)
 * @param innerFolds    track-blocked folds of the inner cross-validation that chooses the penalty
 * @param permutations  circular-shift permutations of the null distribution of r
 * @param seed          seeds the permutations
 */
public record EncodingSettings(double rate, double maxLagSeconds, int components, double[] lambdas, int innerFolds,
        int permutations, long seed) {

    public EncodingSettings {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("encoding settings: rate must be a positive number of Hz, got " + rate);
        }
        if (!(maxLagSeconds >= 0) || Double.isInfinite(maxLagSeconds)) {
            throw new IllegalArgumentException("encoding settings: maxLagSeconds must be >= 0, got " + maxLagSeconds);
        }
        if (components < 1) {
            throw new IllegalArgumentException("encoding settings: components must be >= 1, got " + components);
        }
        if (lambdas == null || lambdas.length == 0) {
            throw new IllegalArgumentException("encoding settings: lambdas is empty");
        }
        lambdas = lambdas.clone();
        for (int i = 0; i < lambdas.length; i++) {
            if (!(lambdas[i] > 0) || Double.isInfinite(lambdas[i])) {
                throw new IllegalArgumentException("encoding settings: lambdas[" + i + "] must be a positive number, got "
                        + lambdas[i]);
            }
        }
        if (innerFolds < 2) {
            throw new IllegalArgumentException("encoding settings: innerFolds must be >= 2, got " + innerFolds);
        }
        if (permutations < 1) {
            throw new IllegalArgumentException("encoding settings: permutations must be >= 1, got " + permutations);
        }
    }

    /**
     * Lags 0..6 s at the grid step, 16 components per layer, 17 penalties 10^-2, 10^-1.5, ..., 10^6, 4 inner folds,
     * 200 permutations, seed 1.
     */
    public static EncodingSettings defaults(double rate) {
        double[] lambdas = new double[17];
        for (int i = 0; i < lambdas.length; i++) {
            lambdas[i] = Math.pow(10, -2 + 0.5 * i);
        }
        return new EncodingSettings(rate, 6, 16, lambdas, 4, 200, 1);
    }

    @Override
    public double[] lambdas() {
        return lambdas.clone();
    }

    /** The lags in grid steps: 0, 1, ..., floor(maxLagSeconds · rate). */
    public int[] lags() {
        return LagDesign.lags(rate, maxLagSeconds);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodingSettings s && s.rate == rate && s.maxLagSeconds == maxLagSeconds
                && s.components == components && Arrays.equals(s.lambdas, lambdas) && s.innerFolds == innerFolds
                && s.permutations == permutations && s.seed == seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rate, maxLagSeconds, components, innerFolds, permutations, seed) * 31
                + Arrays.hashCode(lambdas);
    }

    @Override
    public String toString() {
        return "EncodingSettings[rate=" + rate + ", maxLagSeconds=" + maxLagSeconds + ", components=" + components
                + ", lambdas=" + Arrays.toString(lambdas) + ", innerFolds=" + innerFolds + ", permutations="
                + permutations + ", seed=" + seed + "]";
    }
}
