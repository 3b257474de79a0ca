package org.frisson.calibration;

import java.util.Arrays;

/**
 * The median of the penalties chosen across folds, on the log scale they are spaced on: the middle value, or
 * for an even count the geometric mean of the middle two. NaN values (folds without test rows) are skipped.
 */
final class FoldMedian {

    private FoldMedian() {
    }

    static double of(double[] lambdas) {
        double[] v = Arrays.stream(lambdas).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : Math.sqrt(v[mid - 1] * v[mid]);
    }
}
