package org.frisson.calibration;

import java.util.Arrays;

/** Folds made of whole tracks. */
final class TrackFolds {

    /** More tracks than this are grouped into this many outer folds; fewer are left out one at a time. */
    static final int MAX_OUTER_FOLDS = 10;

    private TrackFolds() {
    }

    /**
     * {@code tracks} (in time order) split into {@code folds} contiguous groups whose sizes differ by at most one,
     * the larger groups first.
     */
    static int[][] contiguous(int[] tracks, int folds) {
        if (folds < 1 || folds > tracks.length) {
            throw new IllegalArgumentException("cannot split " + tracks.length + " tracks into " + folds + " folds");
        }
        int[][] groups = new int[folds][];
        int base = tracks.length / folds;
        int extra = tracks.length % folds;
        int at = 0;
        for (int f = 0; f < folds; f++) {
            int size = base + (f < extra ? 1 : 0);
            groups[f] = Arrays.copyOfRange(tracks, at, at + size);
            at += size;
        }
        return groups;
    }

    /** Outer folds over tracks 0..count-1: leave one track out, or {@link #MAX_OUTER_FOLDS} groups of tracks. */
    static int[][] outer(int count) {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = i;
        }
        return contiguous(all, Math.min(count, MAX_OUTER_FOLDS));
    }
}
