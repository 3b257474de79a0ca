package org.frisson.calibration;

import java.util.Arrays;

/** Binary labels from per-track ratings: high when above the subject's median (seed 001). */
public final class MedianSplit {

    private MedianSplit() {
    }

    /**
     * high[k] = perTrack[k] &gt; the median over tracks (for an even count the mean of the middle two); ratings at
     * the median count as low. Refuses NaN ratings and a split that leaves one class empty, naming {@code what}.
     */
    public static boolean[] high(double[] perTrack, String what) {
        if (perTrack == null || perTrack.length == 0) {
            throw new IllegalArgumentException(what + ": no ratings to split");
        }
        for (int k = 0; k < perTrack.length; k++) {
            if (!Double.isFinite(perTrack[k])) {
                throw new IllegalArgumentException(what + ": rating of track " + k + " is " + perTrack[k]);
            }
        }
        double median = median(perTrack);
        boolean[] high = new boolean[perTrack.length];
        int count = 0;
        for (int k = 0; k < perTrack.length; k++) {
            // high = rating > the subject's median (seed 001)
            high[k] = perTrack[k] > median;
            count += high[k] ? 1 : 0;
        }
        // at least half the ratings lie at or below the median, so only the high class can come out empty
        if (count == 0) {
            throw new IllegalArgumentException(what + ": splitting " + perTrack.length + " ratings at their median "
                    + median + " leaves no high track (no rating is above it)");
        }
        return high;
    }

    /** The median of {@code values}: the middle one, or for an even count the mean of the middle two. */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
