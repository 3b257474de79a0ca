package org.frisson.calibration;

/** The q-quantile of sorted values, interpolating linearly between order statistics at position q·(n-1). */
final class Percentile {

    private Percentile() {
    }

    static double of(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        // Q(q) = x_⌊h⌋ + (h - ⌊h⌋)(x_⌊h⌋+1 - x_⌊h⌋), h = q(n - 1) (Hyndman & Fan 1996, definition 7)
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
