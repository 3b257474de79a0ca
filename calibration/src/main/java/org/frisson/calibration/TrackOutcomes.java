package org.frisson.calibration;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Held-out window outcomes grouped by track: how many windows each track had and how many were classified
 * right. Scores them as window accuracy (track-bootstrap interval) and as aggregated track accuracy.
 */
final class TrackOutcomes {

    /** Bootstrap resamples of the window-accuracy interval. */
    static final int RESAMPLES = 2000;

    private final int[] windows;
    private final int[] correct;

    TrackOutcomes(int[] windows, int[] correct) {
        if (windows.length != correct.length) {
            throw new IllegalArgumentException("windows has " + windows.length + " tracks, correct has "
                    + correct.length);
        }
        for (int k = 0; k < windows.length; k++) {
            if (windows[k] < 1 || correct[k] < 0 || correct[k] > windows[k]) {
                throw new IllegalArgumentException("track " + k + ": " + correct[k] + " correct of " + windows[k]
                        + " windows");
            }
        }
        this.windows = windows.clone();
        this.correct = correct.clone();
    }

    /**
     * Seed 001's aggregated accuracy: a track is correct when at least half of its windows are; Wilson 95%
     * interval over tracks.
     */
    Accuracy aggregated() {
        int right = 0;
        for (int k = 0; k < windows.length; k++) {
            // a track is correct when at least half of its windows are (seed 001)
            if (2 * correct[k] >= windows[k]) {
                right++;
            }
        }
        return WilsonInterval.of(right, windows.length);
    }

    /**
     * The share of windows correct, with a 95% percentile interval from resampling whole tracks with replacement
     * (windows of one track are not independent, tracks are).
     */
    Accuracy window(long seed) {
        int totalWindows = 0;
        int totalCorrect = 0;
        for (int k = 0; k < windows.length; k++) {
            totalWindows += windows[k];
            totalCorrect += correct[k];
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] resampled = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            int w = 0;
            int c = 0;
            for (int i = 0; i < windows.length; i++) {
                int k = random.nextInt(windows.length);
                w += windows[k];
                c += correct[k];
            }
            // percentile interval of a bootstrap over tracks (Efron & Tibshirani 1993, ch. 13)
            resampled[b] = (double) c / w;
        }
        Arrays.sort(resampled);
        return new Accuracy((double) totalCorrect / totalWindows, Percentile.of(resampled, 0.025),
                Percentile.of(resampled, 0.975), totalWindows);
    }
}
