package org.frisson.calibration;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Whole tracks dealt into folds, stratified by class: the high tracks in a seeded random order, then the low ones,
 * dealt round-robin, so every fold gets its share of both classes and every training set holds both.
 */
final class ReadoutFolds {

    private ReadoutFolds() {
    }

    /** fold[track] for tracks labelled {@code high[track]}. */
    static int[] assign(boolean[] high, int folds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] highTracks = shuffled(tracksWhere(high, true), random);
        int[] lowTracks = shuffled(tracksWhere(high, false), random);
        int[] fold = new int[high.length];
        int at = 0;
        for (int k : highTracks) {
            fold[k] = at++ % folds;
        }
        for (int k : lowTracks) {
            fold[k] = at++ % folds;
        }
        return fold;
    }

    private static int[] tracksWhere(boolean[] high, boolean value) {
        return IntStream.range(0, high.length).filter(k -> high[k] == value).toArray();
    }

    private static int[] shuffled(int[] v, SplittableRandom random) {
        for (int i = v.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }
}
