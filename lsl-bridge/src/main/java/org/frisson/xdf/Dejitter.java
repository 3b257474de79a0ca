package org.frisson.xdf;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a regular stream's jittery stamps by a straight line per segment, as pyxdf's
 * {@code dejitter_timestamps} does: segments break where consecutive stamps are further apart than
 * {@code max(breakSeconds, breakSamples / nominal rate)}; within each, stamp {@code i} becomes
 * {@code a + b*i} from a least-squares fit. Irregular streams, and streams whose {@code <desc>} declares
 * {@code synchronization/can_drop_samples} true, keep their stamps.
 */
public final class Dejitter {

    /**
     * @param segments      the segments found
     * @param effectiveRate samples per second over the segments (0 for an irregular or empty stream)
     */
    public record Result(List<Segment> segments, double effectiveRate) {
    }

    private Dejitter() {
    }

    /** Dejitters {@code stamps[0..n)} in place. */
    public static Result apply(double[] stamps, int n, double nominalRate, boolean canDropSamples,
                               double breakSeconds, int breakSamples) {
        List<Segment> segments = new ArrayList<>();
        if (n == 0) {
            return new Result(segments, 0);
        }
        if (nominalRate == 0) {
            segments.add(new Segment(0, n - 1));
            return new Result(segments, 0);
        }
        if (canDropSamples) {
            segments.add(new Segment(0, n - 1));
            double duration = stamps[n - 1] - stamps[0];
            return new Result(segments, n > 1 && duration > 0 ? (n - 1) / duration : 0);
        }
        double threshold = Math.max(breakSeconds, breakSamples / nominalRate);
        int start = 0;
        for (int i = 0; i + 1 < n; i++) {
            if (Math.abs(stamps[i + 1] - stamps[i]) > threshold) {
                segments.add(new Segment(start, i));
                start = i + 1;
            }
        }
        segments.add(new Segment(start, n - 1));
        long steps = 0;
        double durations = 0;
        for (Segment s : segments) {
            fitLine(stamps, s.first(), s.last());
            steps += s.size() - 1;
            durations += stamps[s.last()] - stamps[s.first()];
        }
        double effective = steps > 0 ? steps / durations : 0;
        return new Result(segments, effective);
    }

    /** Least squares {@code stamp = a + b*index} over {@code [first, last]}, written back. */
    private static void fitLine(double[] stamps, int first, int last) {
        int k = last - first + 1;
        if (k < 2) {
            return;
        }
        double ref = stamps[first]; // sums relative to it keep full precision on large clock values
        double meanI = (first + last) / 2.0;
        double meanT = 0;
        for (int i = first; i <= last; i++) {
            meanT += stamps[i] - ref;
        }
        meanT /= k;
        double sit = 0;
        double sii = 0;
        for (int i = first; i <= last; i++) {
            double di = i - meanI;
            sit += di * (stamps[i] - ref - meanT);
            sii += di * di;
        }
        double slope = sit / sii;
        for (int i = first; i <= last; i++) {
            stamps[i] = ref + (meanT + slope * (i - meanI));
        }
    }
}
