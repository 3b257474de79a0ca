package org.frisson.calibration;

import java.util.SplittableRandom;

/**
 * The permutation p of a held-out correlation against a circularly shifted response: the response keeps its
 * autocorrelation, only its alignment with the prediction is broken. p = (1 + #{r_null &gt;= r}) / (1 + N)
 * (Phipson &amp; Smyth 2010, Stat. Appl. Genet. Mol. Biol. 9:39).
 */
final class CircularShiftTest {

    private CircularShiftTest() {
    }

    /**
     * {@code permutations} shifts drawn uniformly from minShift..n-minShift (so at least minShift steps either
     * way); refuses a series too short for that.
     */
    static int[] offsets(int n, int minShift, int permutations, long seed, String what) {
        if (n - minShift < minShift) {
            throw new IllegalArgumentException(what + ": " + n + " usable rows leave no circular shift of at least "
                    + minShift + " steps either way (need at least " + 2 * minShift + ")");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] offsets = new int[permutations];
        for (int i = 0; i < permutations; i++) {
            offsets[i] = random.nextInt(minShift, n - minShift + 1);
        }
        return offsets;
    }

    /** p of {@code r = r(prediction, response)} under the shifts; NaN when r is. */
    static double p(double[] prediction, double[] response, double r, int[] offsets) {
        if (Double.isNaN(r)) {
            return Double.NaN;
        }
        int n = response.length;
        double[] shifted = new double[n];
        int atLeast = 0;
        for (int offset : offsets) {
            System.arraycopy(response, n - offset, shifted, 0, offset);
            System.arraycopy(response, 0, shifted, offset, n - offset);
            double rNull = Pearson.r(prediction, shifted);
            if (rNull >= r) {
                atLeast++;
            }
        }
        // p = (1 + #{r_null >= r}) / (1 + N) (Phipson & Smyth 2010)
        return (1.0 + atLeast) / (1.0 + offsets.length);
    }
}
