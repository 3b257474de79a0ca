package org.frisson.calibration;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Cross-validated accuracy of a subject-specific {@link ShrinkageLda} readout (seed 001), blocked by track.
 */
public final class BlockedReadout {

    private BlockedReadout() {
    }

    /**
     * Cross-validation blocked by track: folds are groups of whole tracks (folds = min(folds, tracks)); no window of a
     * test track is seen in training. Window accuracy with a track-bootstrap 95% percentile interval (seeded),
     * aggregated (track) accuracy with a Wilson 95% interval; a track is correct when at least half of its windows
     * are.
     *
     * <p>Windows with block -1 or a non-finite feature are left out. Tracks are dealt into folds stratified by their
     * label (the majority of their windows'), so each class needs at least 2 tracks. A window counts as high when
     * P(high) &gt; 0.5.
     *
     * @param x     features, [window][feature]
     * @param high  each window's label
     * @param block each window's track id, or -1
     * @param folds the number of folds asked for (at least 2)
     * @param seed  seeds the fold assignment and the bootstrap
     */
    public static ReadoutScore crossValidate(double[][] x, boolean[] high, int[] block, int folds, long seed) {
        Checks.width(x, "x");
        Checks.present(high, "high");
        Checks.present(block, "block");
        Checks.sameLength(x.length, "x", high.length, "high");
        Checks.sameLength(x.length, "x", block.length, "block");
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        }
        int[] kept = IntStream.range(0, x.length)
                .filter(w -> block[w] >= 0 && Arrays.stream(x[w]).allMatch(Double::isFinite)).toArray();
        // tracks in ascending id order, numbered 0..T-1
        TreeMap<Integer, Integer> index = new TreeMap<>();
        for (int w : kept) {
            index.putIfAbsent(block[w], 0);
        }
        int t = 0;
        for (Integer id : index.keySet()) {
            index.put(id, t++);
        }
        int tracks = index.size();
        int[] trackOf = new int[x.length];
        int[] windows = new int[tracks];
        int[] highWindows = new int[tracks];
        for (int w : kept) {
            trackOf[w] = index.get(block[w]);
            windows[trackOf[w]]++;
            highWindows[trackOf[w]] += high[w] ? 1 : 0;
        }
        boolean[] trackHigh = new boolean[tracks];
        int highTracks = 0;
        for (int k = 0; k < tracks; k++) {
            trackHigh[k] = 2 * highWindows[k] >= windows[k];
            highTracks += trackHigh[k] ? 1 : 0;
        }
        if (highTracks < 2 || tracks - highTracks < 2) {
            throw new IllegalArgumentException("high: blocked cross-validation needs at least 2 tracks of each class, got "
                    + highTracks + " high and " + (tracks - highTracks) + " low tracks");
        }
        int used = Math.min(folds, tracks);
        SplittableRandom seeds = new SplittableRandom(seed);
        int[] foldOf = ReadoutFolds.assign(trackHigh, used, seeds.nextLong());

        int[] correct = new int[tracks];
        for (int f = 0; f < used; f++) {
            final int fold = f;
            int[] train = Arrays.stream(kept).filter(w -> foldOf[trackOf[w]] != fold).toArray();
            int[] test = Arrays.stream(kept).filter(w -> foldOf[trackOf[w]] == fold).toArray();
            ShrinkageLda lda;
            try {
                lda = ShrinkageLda.fit(rows(x, train), labels(high, train));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fold " + f + " of " + used + ": " + e.getMessage(), e);
            }
            for (int w : test) {
                boolean predicted = lda.probability(x[w]) > 0.5;
                if (predicted == high[w]) {
                    correct[trackOf[w]]++;
                }
            }
        }
        TrackOutcomes outcomes = new TrackOutcomes(windows, correct);
        return new ReadoutScore(outcomes.window(seeds.nextLong()), outcomes.aggregated(), used);
    }

    private static double[][] rows(double[][] x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x[rows[i]];
        }
        return out;
    }

    private static boolean[] labels(boolean[] high, int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = high[rows[i]];
        }
        return out;
    }
}
