package org.frisson.calibration;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Nested, track-blocked cross-validation of one layer's ridge encoding models for responses that are available
 * on the same rows (so that they share every decomposition). Outer folds hold out whole tracks; within each
 * outer training set, {@code innerFolds} contiguous groups of tracks choose λ (highest mean inner r). Training
 * rows whose lag window reaches into a held-out track (outer, or inner within the inner split) are purged; the
 * inner split only ever sees the rows the outer training set may use.
 */
final class LayerCrossValidation {

    /** The fewest held-out rows whose r counts toward choosing λ. */
    private static final int MIN_TEST_ROWS = 3;

    private final DMatrixRMaj design;
    private final TrackLayout tracks;
    private final boolean[] available;
    private final double[][] y;
    private final double[] lambdas;
    private final int maxLag;
    private final int innerFolds;
    private final DesignMoments[] perTrack;

    /**
     * @param design    the layer's lag design on the whole grid
     * @param available rows (all in tracks) where every one of these responses is present
     * @param y         the responses, [response][grid row]
     */
    LayerCrossValidation(DMatrixRMaj design, TrackLayout tracks, boolean[] available, double[][] y,
            double[] lambdas, int maxLag, int innerFolds) {
        this.design = design;
        this.tracks = tracks;
        this.available = available;
        this.y = y;
        this.lambdas = lambdas;
        this.maxLag = maxLag;
        this.innerFolds = innerFolds;
        this.perTrack = new DesignMoments[tracks.tracks()];
        for (int k = 0; k < perTrack.length; k++) {
            perTrack[k] = DesignMoments.of(design, availableRows(tracks.rows(k), null), y);
        }
    }

    /** Held-out predictions of every outer fold and the λ each fold chose. */
    record Outcome(double[][] heldOut, double[][] lambdaPerFold) {
    }

    /**
     * Runs the outer folds. {@code heldOut[response][row]} is the prediction for every available row (NaN
     * elsewhere); {@code lambdaPerFold[response][fold]} the chosen λ, NaN for a fold without available test rows.
     */
    Outcome run(int[][] outerFolds) {
        int n = tracks.gridLength();
        int responses = y.length;
        double[][] heldOut = new double[responses][n];
        for (double[] row : heldOut) {
            Arrays.fill(row, Double.NaN);
        }
        double[][] lambdaPerFold = new double[responses][outerFolds.length];
        for (double[] row : lambdaPerFold) {
            Arrays.fill(row, Double.NaN);
        }
        for (int f = 0; f < outerFolds.length; f++) {
            boolean[] test = trackMask(outerFolds[f]);
            int[] testRows = availableRows(rowsOf(test), null);
            if (testRows.length == 0) {
                continue;
            }
            boolean[] purged = LagPurge.after(tracks, test, maxLag);
            int[] train = complement(test);
            double[] lambda = chooseLambdas(train, test, purged);
            DesignMoments m = trainingMoments(train, purged);
            if (m.count() < 2) {
                continue;
            }
            SpectralRidge ridge = SpectralRidge.of(m.centeredGram());
            DMatrixRMaj shrunk = ridge.shrink(ridge.rotate(m.centeredCross()), lambda);
            DMatrixRMaj rotated = ridge.rotateRows(DesignRows.gatherCentered(design, testRows, m.columnMean()));
            DMatrixRMaj predicted = new DMatrixRMaj(testRows.length, responses);
            CommonOps_DDRM.mult(rotated, shrunk, predicted);
            double[] intercept = m.responseMean();
            for (int i = 0; i < testRows.length; i++) {
                for (int j = 0; j < responses; j++) {
                    heldOut[j][testRows[i]] = predicted.data[i * responses + j] + intercept[j];
                }
            }
            for (int j = 0; j < responses; j++) {
                lambdaPerFold[j][f] = lambda[j];
            }
        }
        return new Outcome(heldOut, lambdaPerFold);
    }

    /** Models fitted on every available row, λ chosen by blocked cross-validation over all tracks. */
    record Refit(double[] lambda, RidgeRegression.Fit fit) {
    }

    Refit refitAll() {
        int[] all = new int[tracks.tracks()];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        boolean[] none = new boolean[tracks.gridLength()];
        double[] lambda = chooseLambdas(all, new boolean[tracks.tracks()], none);
        return new Refit(lambda, RidgeRegression.fit(trainingMoments(all, none), lambda));
    }

    /**
     * λ per response from blocked cross-validation over {@code train} (tracks in time order): each inner fold holds
     * out a contiguous group of them. {@code outside} marks tracks already held out around this whole split and
     * {@code excluded} rows it may not use.
     */
    private double[] chooseLambdas(int[] train, boolean[] outside, boolean[] excluded) {
        LambdaChoice choice = new LambdaChoice(y.length, lambdas);
        if (train.length < 2) {
            return choice.chosen();
        }
        int responses = y.length;
        for (int[] innerTest : TrackFolds.contiguous(train, Math.min(innerFolds, train.length))) {
            boolean[] test = trackMask(innerTest);
            int[] testRows = availableRows(rowsOf(test), excluded);
            if (testRows.length < MIN_TEST_ROWS) {
                continue;
            }
            boolean[] heldOut = test.clone();
            for (int k = 0; k < heldOut.length; k++) {
                heldOut[k] |= outside[k];
            }
            boolean[] purged = LagPurge.after(tracks, heldOut, maxLag);
            int[] innerTrain = without(train, test);
            DesignMoments m = trainingMoments(innerTrain, purged);
            if (m.count() < 2) {
                continue;
            }
            SpectralRidge ridge = SpectralRidge.of(m.centeredGram());
            DMatrixRMaj shrunk = ridge.shrinkAll(ridge.rotate(m.centeredCross()), lambdas);
            DMatrixRMaj rotated = ridge.rotateRows(DesignRows.gatherCentered(design, testRows, m.columnMean()));
            DMatrixRMaj predicted = new DMatrixRMaj(testRows.length, shrunk.numCols);
            CommonOps_DDRM.mult(rotated, shrunk, predicted);
            double[] observed = new double[testRows.length];
            for (int j = 0; j < responses; j++) {
                for (int i = 0; i < testRows.length; i++) {
                    observed[i] = y[j][testRows[i]];
                }
                for (int l = 0; l < lambdas.length; l++) {
                    double r = Pearson.r(predicted.data, l * responses + j, predicted.numCols, observed, 0, 1,
                            testRows.length);
                    choice.add(j, l, r);
                }
            }
        }
        return choice.chosen();
    }

    /** The sums over the available rows of {@code train} tracks, less the purged ones. */
    private DesignMoments trainingMoments(int[] train, boolean[] purged) {
        DesignMoments m = DesignMoments.empty(design.numCols, y.length);
        for (int k : train) {
            m.add(perTrack[k]);
        }
        for (int k : train) {
            for (int t : tracks.rows(k)) {
                if (purged[t] && available[t]) {
                    m.remove(design, t, y);
                }
            }
        }
        return m;
    }

    private boolean[] trackMask(int[] members) {
        boolean[] mask = new boolean[tracks.tracks()];
        for (int k : members) {
            mask[k] = true;
        }
        return mask;
    }

    private int[] rowsOf(boolean[] trackMask) {
        int total = 0;
        for (int k = 0; k < trackMask.length; k++) {
            if (trackMask[k]) {
                total += tracks.rows(k).length;
            }
        }
        int[] rows = new int[total];
        int at = 0;
        for (int t = 0; t < tracks.gridLength(); t++) {
            int k = tracks.trackOf(t);
            if (k >= 0 && trackMask[k]) {
                rows[at++] = t;
            }
        }
        return rows;
    }

    private int[] availableRows(int[] rows, boolean[] excluded) {
        return Arrays.stream(rows).filter(t -> available[t] && (excluded == null || !excluded[t]))
                .toArray();
    }

    private int[] complement(boolean[] trackMask) {
        return IntStream.range(0, trackMask.length).filter(k -> !trackMask[k]).toArray();
    }

    private static int[] without(int[] tracks, boolean[] mask) {
        return Arrays.stream(tracks).filter(k -> !mask[k]).toArray();
    }
}
