package org.frisson.xdf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Maps a stream's stamps onto the recording machine's clock from its ClockOffset measurements, as pyxdf's
 * {@code synchronize_clocks} does: the offsets are split into clock segments where the stream's clock was
 * reset (offset times going backwards, or a jump in both time and value far outside their usual spread),
 * a robust line {@code offset = a + b*time} is fitted per segment, and each stamp gets the line of its
 * segment added.
 */
public final class ClockSync {

    /** Thresholds of the clock reset detection (pyxdf's defaults: 5 s / 5 MADs in time, 1 s / 10 MADs in value). */
    public record ResetThresholds(double seconds, double stds, double offsetSeconds, double offsetStds) {
        public static final ResetThresholds PYXDF = new ResetThresholds(5, 5, 1, 10);
    }

    private ClockSync() {
    }

    /**
     * Corrects {@code stamps[0..n)} in place.
     *
     * @param winsor scale of the offsets beyond which the fit treats them robustly (pyxdf: 1e-4 s)
     * @param warn   receives what could not be used
     * @return the clock segments (sample index ranges), empty when there was nothing to synchronize
     */
    public static List<Segment> apply(double[] stamps, int n, double[] times, double[] values, int m,
                                      boolean handleResets, ResetThresholds thresholds, double winsor,
                                      Consumer<String> warn) {
        List<Segment> clockSegments = new ArrayList<>();
        if (n == 0 || m == 0) {
            return clockSegments;
        }
        List<Segment> ranges = handleResets && m > 1 ? resets(times, values, m, thresholds) : List.of(new Segment(0, m - 1));
        double[][] coef = new double[ranges.size()][];
        double[] ts = new double[m];
        double[] vs = new double[m];
        for (int i = 0; i < m; i++) {
            ts[i] = times[i] / winsor;
            vs[i] = values[i] / winsor;
        }
        for (int r = 0; r < ranges.size(); r++) {
            Segment range = ranges.get(r);
            if (range.first() != range.last()) {
                try {
                    double[] ab = RobustFit.fit(ts, vs, range.first(), range.last() + 1);
                    coef[r] = new double[]{ab[0] * winsor, ab[1]};
                } catch (ArithmeticException e) {
                    warn.accept("clock offsets " + range + " cannot be used for synchronization: " + e.getMessage());
                    coef[r] = new double[]{0, 0};
                }
            } else {
                coef[r] = new double[]{values[range.first()], 0};
            }
        }
        if (ranges.size() == 1) {
            shift(stamps, 0, n, coef[0]);
            clockSegments.add(new Segment(0, n - 1));
            return clockSegments;
        }
        int start = 0;
        for (int r = 0; r < ranges.size(); r++) {
            Segment range = ranges.get(r);
            int stop;
            int next = range.last() + 1;
            if (next < m) {
                // the segment ends before the first stamp closer to the next segment's first offset time
                double endT = times[range.last()];
                double nextT = times[next];
                stop = n;
                for (int i = start; i < n; i++) {
                    if (!(Math.abs(stamps[i] - endT) < Math.abs(stamps[i] - nextT))) {
                        stop = i;
                        break;
                    }
                }
            } else {
                stop = n;
            }
            if (start == stop) {
                warn.accept("no samples in clock offsets " + range + ", skipped");
            } else {
                clockSegments.add(new Segment(start, stop - 1));
                shift(stamps, start, stop, coef[r]);
                start = stop;
            }
        }
        return clockSegments;
    }

    private static void shift(double[] stamps, int from, int to, double[] ab) {
        for (int i = from; i < to; i++) {
            stamps[i] += ab[0] + ab[1] * stamps[i];
        }
    }

    /** Offset index ranges between clock resets. */
    static List<Segment> resets(double[] times, double[] values, int m, ResetThresholds t) {
        double[] dt = Stats.diff(times, m);
        double[] dv = Stats.diff(values, m);
        boolean[] timeGlitch = glitches(dt, t.stds(), t.seconds());
        boolean[] valueGlitch = glitches(dv, t.offsetStds(), t.offsetSeconds());
        List<Segment> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < dt.length; i++) {
            if (dt[i] < 0 || (timeGlitch[i] && valueGlitch[i])) {
                out.add(new Segment(start, i));
                start = i + 1;
            }
        }
        out.add(new Segment(start, dt.length));
        return out;
    }

    /** Differences further from their median than {@code stds} median absolute deviations and {@code seconds}. */
    private static boolean[] glitches(double[] d, double stds, double seconds) {
        double median = Stats.median(d);
        double[] dev = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            dev[i] = Math.abs(d[i] - median);
        }
        double mad = Stats.median(dev) + Stats.EPS;
        boolean[] out = new boolean[d.length];
        for (int i = 0; i < d.length; i++) {
            double shifted = d[i] - median;
            out[i] = Math.abs(shifted / mad) > stds && Math.abs(shifted) > seconds;
        }
        return out;
    }

    /**
     * pyxdf's guard against a garbage last offset that liblsl may deliver when an outlet is destroyed while
     * recorded: the last offset is anomalous when its interval is over 10 median intervals or its value over
     * 10 scaled MADs from the others.
     */
    static boolean lastOffsetCorrupted(double[] times, double[] values, int m) {
        if (m < 3) {
            return false;
        }
        double[] intervals = Stats.diff(times, m);
        double medianInterval = Stats.median(intervals, 0, intervals.length - 1);
        double last = Math.abs(intervals[intervals.length - 1]);
        double ratio = medianInterval > 0 ? last / medianInterval : (last > 0 ? Double.POSITIVE_INFINITY : 1.0);
        double medianValue = Stats.median(values, 0, m - 1);
        double[] dev = new double[m - 1];
        for (int i = 0; i < m - 1; i++) {
            dev[i] = Math.abs(values[i] - medianValue);
        }
        double mad = Stats.median(dev);
        double z = mad > Stats.EPS ? Math.abs(values[m - 1] - medianValue) / (1.4826 * mad) : 0.0;
        return ratio > 10.0 || z > 10.0;
    }
}
