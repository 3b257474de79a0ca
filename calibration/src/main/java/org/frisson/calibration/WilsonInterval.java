package org.frisson.calibration;

/**
 * Wilson's score interval for a binomial proportion (Wilson 1927, JASA 22:209): with p̂ = k/n,
 * (p̂ + z²/2n ± z·sqrt(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n), z = 1.959964 for 95%.
 */
final class WilsonInterval {

    /** The standard normal's 97.5% quantile. */
    static final double Z95 = 1.959963984540054;

    private WilsonInterval() {
    }

    /** The 95% interval of {@code successes} out of {@code n}. */
    static Accuracy of(int successes, int n) {
        if (n <= 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("Wilson interval of " + successes + " out of " + n);
        }
        double p = (double) successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        // (p̂ + z²/2n ± z·sqrt(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n) (Wilson 1927)
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Accuracy(p, Math.max(0, centre - half), Math.min(1, centre + half), n);
    }
}
