package org.frisson.xdf;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamWatch;

import java.util.List;

/**
 * What a person wants to know of a recorded stream at a glance: size, span, measured rate, gaps and
 * clock segments.
 *
 * @param first         first stamp (synchronized when the stream was read so), NaN without samples
 * @param last          last stamp, NaN without samples
 * @param effectiveRate samples per second as pyxdf's dejittering measures it (0 for irregular streams)
 * @param segments      runs between breaks of over max(1 s, 500 samples), pyxdf's dejitter segments
 * @param gaps          jumps between consecutive stamps of a regular stream over {@link StreamWatch#GAP_PERIODS}
 *                      sample periods (and {@link StreamWatch#MIN_GAP_SECONDS}), as the live stream watch counts them
 * @param gapSeconds    time missing in those gaps (beyond one period each)
 * @param largestGap    the longest jump, in seconds (0 without gaps)
 * @param backwards     stamps lower than their predecessor (a clock reset that was not synchronized away)
 */
public record StreamSummary(int id, String name, String type, ChannelFormat format, int channels, double nominalRate,
                            int samples, double first, double last, double effectiveRate, List<Segment> segments,
                            int gaps, double gapSeconds, double largestGap, int backwards, int clockOffsets,
                            List<Segment> clockSegments, boolean hasFooter) {

    /** Seconds from the first to the last stamp. */
    public double duration() {
        return samples > 1 ? last - first : 0;
    }

    /**
     * Summarizes a stream read without dejittering (its gaps are then still visible); the effective rate
     * and segments come from dejittering a copy of its stamps with pyxdf's thresholds.
     */
    public static StreamSummary of(XdfStream s) {
        double[] t = s.stamps();
        int n = t.length;
        int gaps = 0;
        int backwards = 0;
        double gapSeconds = 0;
        double largest = 0;
        double rate = s.nominalRate();
        double gapAbove = rate > 0 ? Math.max(StreamWatch.GAP_PERIODS / rate, StreamWatch.MIN_GAP_SECONDS) : Double.NaN;
        for (int i = 1; i < n; i++) {
            double dt = t[i] - t[i - 1];
            if (dt < -StreamWatch.BACKWARD_TOLERANCE_SECONDS) {
                backwards++;
            } else if (dt > gapAbove) {
                gaps++;
                gapSeconds += dt - 1 / rate;
                largest = Math.max(largest, dt);
            }
        }
        boolean canDrop = "true".equalsIgnoreCase(s.header().text("desc/synchronization/can_drop_samples"));
        Dejitter.Result dj = Dejitter.apply(t.clone(), n, rate, canDrop, 1, 500);
        return new StreamSummary(s.id(), s.name(), s.type(), s.format(), s.channelCount(), rate, n,
                n > 0 ? t[0] : Double.NaN, n > 0 ? t[n - 1] : Double.NaN, dj.effectiveRate(), dj.segments(), gaps,
                gapSeconds, largest, backwards, s.clockTimes().length, s.clockSegments(), s.footerXml() != null);
    }
}
