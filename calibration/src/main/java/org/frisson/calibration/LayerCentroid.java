package org.frisson.calibration;

/**
 * Where along the network a response is best explained (seed 000): the centroid layer
 * Σ depth·max(r, 0) / Σ max(r, 0) over the network's layers (depth &gt;= 1); NaN when no layer has r &gt; 0.
 */
final class LayerCentroid {

    private LayerCentroid() {
    }

    static double of(int[] depths, double[] r) {
        double weighted = 0;
        double total = 0;
        for (int i = 0; i < depths.length; i++) {
            if (depths[i] >= 1 && r[i] > 0) {
                weighted += depths[i] * r[i];
                total += r[i];
            }
        }
        // centroid = Σ depth·max(r, 0) / Σ max(r, 0) over depth >= 1 (seed 000)
        return total > 0 ? weighted / total : Double.NaN;
    }
}
