package org.frisson.calibration;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces of the encoding analysis, each on a hand-checked case. */
class EncodingPartsTest {

    @Test
    void lagsCoverZeroToSixSecondsAtTheGridStep() {
        int[] lags = EncodingSettings.defaults(2.5).lags();
        assertEquals(16, lags.length);
        assertEquals(0, lags[0]);
        assertEquals(15, lags[15]);
        assertEquals(17, EncodingSettings.defaults(2.5).lambdas().length);
        assertEquals(1e-2, EncodingSettings.defaults(2.5).lambdas()[0], 1e-18);
        assertEquals(1e6, EncodingSettings.defaults(2.5).lambdas()[16], 1e-6);
    }

    @Test
    void theDesignRowHoldsTheComponentsAtEveryLag() {
        double[][] z = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};
        DMatrixRMaj x = LagDesign.build(z, new int[] {0, 1, 2});
        assertArrayEquals(new double[] {3, 30, 2, 20, 1, 10}, row(x, 2));
        assertArrayEquals(new double[] {2, 20, 1, 10, 0, 0}, row(x, 1), "history before t = 0 is zero");
    }

    @Test
    void thePurgeDropsTheLagWindowAfterAHeldOutTrackEvenAcrossAGap() {
        // tracks: 0 on rows 0-3, gap (-1) on 4-5, 1 on rows 6-11, 2 on rows 12-14
        int[] block = {0, 0, 0, 0, -1, -1, 1, 1, 1, 1, 1, 1, 2, 2, 2};
        TrackLayout tracks = TrackLayout.of(block, "block");
        boolean[] purged = LagPurge.after(tracks, new boolean[] {true, false, false}, 3);
        // rows 4, 5, 6 are within 3 steps after row 3 (the last of track 0); row 7 is not
        for (int t = 0; t < block.length; t++) {
            assertEquals(t >= 4 && t <= 6, purged[t], "row " + t);
        }
        boolean[] afterMiddle = LagPurge.after(tracks, new boolean[] {false, true, false}, 2);
        assertTrue(afterMiddle[12] && afterMiddle[13] && !afterMiddle[14] && !afterMiddle[0]);
    }

    @Test
    void outerFoldsLeaveOneTrackOutUpToTenTracksThenGroupThem() {
        assertEquals(7, TrackFolds.outer(7).length);
        int[][] folds = TrackFolds.outer(23);
        assertEquals(10, folds.length);
        int next = 0;
        for (int[] fold : folds) {
            assertTrue(fold.length == 2 || fold.length == 3);
            for (int k : fold) {
                assertEquals(next++, k, "contiguous groups in time order");
            }
        }
        assertEquals(23, next);
    }

    @Test
    void tracksAreNumberedInTheOrderTheyAppear() {
        TrackLayout tracks = TrackLayout.of(new int[] {7, 7, -1, 3, 3, 9}, "block");
        assertEquals(3, tracks.tracks());
        assertEquals(7, tracks.id(0));
        assertEquals(3, tracks.id(1));
        assertArrayEquals(new int[] {3, 4}, tracks.rows(1));
        assertEquals(-1, tracks.trackOf(2));
    }

    @Test
    void theCentroidWeighsDepthsByPositiveR() {
        int[] depths = {0, 1, 2, 3, 4};
        // the baseline and the negative r are ignored: (1·0.2 + 3·0.6) / 0.8 = 2.5
        assertEquals(2.5, LayerCentroid.of(depths, new double[] {0.9, 0.2, -0.4, 0.6, 0}), 1e-12);
        assertTrue(Double.isNaN(LayerCentroid.of(depths, new double[] {0.5, -0.1, 0, -0.2, Double.NaN})));
    }

    @Test
    void theBestLayerSkipsUndefinedR() {
        assertEquals(2, EncodingAnalysis.bestLayer(new double[] {Double.NaN, 0.1, 0.3, 0.3}));
        assertEquals(0, EncodingAnalysis.bestLayer(new double[] {-0.1, -0.2}));
    }

    @Test
    void theLambdaMedianIsTakenOnTheLogScale() {
        assertEquals(100, FoldMedian.of(new double[] {1, 100, 1e4}), 1e-9);
        assertEquals(10, FoldMedian.of(new double[] {1, Double.NaN, 100}), 1e-9);
    }

    @Test
    void theLambdaChoiceTakesTheBestMeanInnerRAndTheLargerLambdaOnTies() {
        LambdaChoice choice = new LambdaChoice(2, new double[] {1, 10, 100});
        choice.add(0, 0, 0.2);
        choice.add(0, 1, 0.5);
        choice.add(0, 1, 0.1); // mean 0.3
        choice.add(0, 2, 0.3);
        choice.add(1, 1, Double.NaN);
        assertArrayEquals(new double[] {100, 100}, choice.chosen());
    }

    @Test
    void thePermutationPCountsShiftsReachingTheObservedR() {
        double[] x = new double[200];
        java.util.Random random = new java.util.Random(3);
        for (int t = 0; t < x.length; t++) {
            x[t] = random.nextGaussian();
        }
        int[] offsets = CircularShiftTest.offsets(200, 40, 99, 5, "test");
        for (int offset : offsets) {
            assertTrue(offset >= 40 && offset <= 160);
        }
        // a perfect prediction: no shift reaches r = 1
        assertEquals(1.0 / 100, CircularShiftTest.p(x, x, Pearson.r(x, x), offsets), 1e-15);
        // an observed r below every shift's: every shift counts
        assertEquals(1.0, CircularShiftTest.p(x, x, -1.0, offsets), 1e-15);
    }

    @Test
    void ridgeWithAHugePenaltyShrinksToTheMean() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {1, 1}, {2, 0}});
        double[] y = {1, 2, 3, 4};
        RidgeRegression.Fit fit = RidgeRegression.fit(x, y, 1e12);
        assertEquals(0, fit.weights()[0][0], 1e-9);
        assertEquals(2.5, fit.intercept()[0], 1e-9);
        // and without a penalty to speak of, least squares: y = 1.5·x1 + 2·x2 ... checked against the normal equations
        RidgeRegression.Fit ls = RidgeRegression.fit(x, y, 1e-12);
        double[] residual = new double[4];
        for (int i = 0; i < 4; i++) {
            residual[i] = y[i] - ls.intercept()[0] - ls.weights()[0][0] * x.get(i, 0) - ls.weights()[0][1] * x.get(i, 1);
        }
        // residuals orthogonal to each column and to the intercept
        for (int c = 0; c < 2; c++) {
            double dot = 0;
            for (int i = 0; i < 4; i++) {
                dot += residual[i] * x.get(i, c);
            }
            assertEquals(0, dot, 1e-9);
        }
        assertEquals(0, residual[0] + residual[1] + residual[2] + residual[3], 1e-9);
    }

    private static double[] row(DMatrixRMaj x, int t) {
        double[] r = new double[x.numCols];
        System.arraycopy(x.data, t * x.numCols, r, 0, x.numCols);
        return r;
    }
}
