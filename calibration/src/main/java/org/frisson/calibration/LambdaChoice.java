package org.frisson.calibration;

/**
 * Inner cross-validation scores per response and penalty; the chosen penalty has the highest mean r over the
 * inner folds where r is defined. Ties go to the larger penalty; with no defined r at all, the largest penalty.
 */
final class LambdaChoice {

    private final double[] lambdas;
    private final double[][] sum;
    private final int[][] count;

    LambdaChoice(int responses, double[] lambdas) {
        this.lambdas = lambdas;
        this.sum = new double[responses][lambdas.length];
        this.count = new int[responses][lambdas.length];
    }

    void add(int response, int lambda, double r) {
        if (!Double.isNaN(r)) {
            sum[response][lambda] += r;
            count[response][lambda]++;
        }
    }

    double[] chosen() {
        double[] chosen = new double[sum.length];
        for (int j = 0; j < sum.length; j++) {
            double best = Double.NaN;
            double bestMean = Double.NEGATIVE_INFINITY;
            double largest = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < lambdas.length; l++) {
                largest = Math.max(largest, lambdas[l]);
                if (count[j][l] > 0) {
                    double mean = sum[j][l] / count[j][l];
                    if (mean > bestMean || (mean == bestMean && lambdas[l] > best)) {
                        bestMean = mean;
                        best = lambdas[l];
                    }
                }
            }
            chosen[j] = Double.isNaN(best) ? largest : best;
        }
        return chosen;
    }
}
