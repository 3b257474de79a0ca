package org.frisson.stages;

import java.util.ArrayList;
import java.util.List;

/**
 * Boundary detection scored as in music structure analysis (hit rate within a tolerance window): each
 * detection matches at most one true boundary within {@code ±tolerance} and vice versa, closest pairs
 * first; precision, recall and F-measure from the matches.
 */
record BoundaryScore(int hits, int detections, int boundaries, List<double[]> pairs) {

    static BoundaryScore of(List<Double> detected, List<Double> truth, double tolerance) {
        List<double[]> candidates = new ArrayList<>();
        for (int i = 0; i < detected.size(); i++) {
            for (int j = 0; j < truth.size(); j++) {
                double gap = Math.abs(detected.get(i) - truth.get(j));
                if (gap <= tolerance) {
                    candidates.add(new double[]{gap, i, j});
                }
            }
        }
        candidates.sort((a, b) -> Double.compare(a[0], b[0]));
        boolean[] usedD = new boolean[detected.size()];
        boolean[] usedT = new boolean[truth.size()];
        List<double[]> pairs = new ArrayList<>();
        for (double[] c : candidates) {
            int i = (int) c[1];
            int j = (int) c[2];
            if (!usedD[i] && !usedT[j]) {
                usedD[i] = true;
                usedT[j] = true;
                pairs.add(new double[]{detected.get(i), truth.get(j)});
            }
        }
        return new BoundaryScore(pairs.size(), detected.size(), truth.size(), pairs);
    }

    double precision() {
        return detections == 0 ? 0 : hits / (double) detections;
    }

    double recall() {
        return boundaries == 0 ? 0 : hits / (double) boundaries;
    }

    double fMeasure() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "F %.3f (precision %.3f = %d/%d, recall %.3f = %d/%d)", fMeasure(),
                precision(), hits, detections, recall(), hits, boundaries);
    }
}
