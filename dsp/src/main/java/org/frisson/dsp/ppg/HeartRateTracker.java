package org.frisson.dsp.ppg;

import org.frisson.dsp.QualityFlags;

import java.util.Arrays;

/**
 * Inter-beat intervals, heart rate and heart rate variability from a stream of beat times (systolic peak
 * sample indices).
 *
 * <p><b>Plausibility.</b> An IBI is accepted when it lies within {@value #MIN_IBI_S}–{@value #MAX_IBI_S} s
 * (30–200 bpm) and within HeartPy's band around a reference, {@code |IBI - ref| < max(0.3 ref, 300 ms)}
 * (van Gent et al. 2019, HeartPy's {@code check_peaks}); HeartPy's reference is the record's mean IBI,
 * which a live tracker cannot know, so here it is the median of the last {@value #REFERENCE_IBIS} IBIs that
 * were within the absolute range (accepted or not: a real, lasting change of rate becomes the reference
 * after a few beats, while a single missed or extra beat does not). Rejected IBIs are flagged and left out
 * of every average; their neighbours are not paired with them for RMSSD.
 *
 * <p><b>Heart rate</b> over a window [t - W, t] (W = {@value #HR_WINDOW_S} s, seed 002): the weighted average
 * of the accepted IBIs that overlap the window, each weighted by the fraction of it inside the window,
 * {@code w_k = overlap_k / IBI_k}; {@code HR = 60 / (sum w_k IBI_k / sum w_k) = 60 sum w_k / sum overlap_k}
 * bpm, i.e. the (fractional) number of beats per minute of the covered time. For a window covering a whole
 * record every weight is 1 and this is HeartPy's {@code 60000 / mean(RR)}.
 *
 * <p><b>HRV</b> over a window of {@value #HRV_WINDOW_S} s (ultra-short-term, Shaffer &amp; Ginsberg 2017):
 * RMSSD, the root mean square of differences between successive accepted IBIs lying entirely in the
 * window, and SDNN, the population standard deviation (as HeartPy) of those IBIs; both in ms.
 *
 * <p>With no beat for {@value #MAX_GAP_S} s the heart rate is missing (NaN, {@link QualityFlags#NO_RECENT_BEAT}),
 * never 0; with too few IBIs a value is NaN with {@link QualityFlags#TOO_FEW_BEATS}. Fixed memory.
 */
public final class HeartRateTracker {

    /** Heart-rate window, s (seed 002: weighted average of IBIs over 10 s windows). */
    public static final double HR_WINDOW_S = 10;
    /** HRV window, s (ultra-short-term RMSSD/SDNN, Shaffer & Ginsberg 2017). */
    public static final double HRV_WINDOW_S = 60;
    /** Heart rate is missing after this long without a beat, s. */
    public static final double MAX_GAP_S = 5;
    /** Shortest plausible IBI, s (200 bpm). */
    public static final double MIN_IBI_S = 0.3;
    /** Longest plausible IBI, s (30 bpm). */
    public static final double MAX_IBI_S = 2.0;
    /** Relative band around the reference IBI (HeartPy check_peaks: 30%). */
    public static final double RELATIVE_BAND = 0.3;
    /** Minimum half-width of that band, s (HeartPy check_peaks: 300 ms). */
    public static final double MIN_BAND_S = 0.3;
    /** IBIs in the reference median. */
    public static final int REFERENCE_IBIS = 5;

    private final double sampleRate;
    private final double hrWindow;
    private final double hrvWindow;
    private final double maxGap;
    private final int capacity;
    private final double[] beatTime;   // end time of each IBI (s), ring
    private final double[] ibi;        // s, ring
    private final boolean[] accepted;  // ring
    private final double[] recent = new double[REFERENCE_IBIS];
    private final double[] sorted = new double[REFERENCE_IBIS];
    private int recentCount;
    private int recentPos;
    private int head;                  // next write slot
    private int size;
    private double lastBeat = Double.NaN;
    private long beats;
    private long rejected;

    private double hr = Double.NaN, rmssd = Double.NaN, sdnn = Double.NaN;
    private int hrFlags, hrvFlags;

    public HeartRateTracker(double sampleRate) {
        this(sampleRate, HR_WINDOW_S, HRV_WINDOW_S, MAX_GAP_S);
    }

    public HeartRateTracker(double sampleRate, double hrWindowS, double hrvWindowS, double maxGapS) {
        if (!(sampleRate > 0)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + sampleRate);
        }
        if (!(hrWindowS > 0) || !(hrvWindowS > 0) || !(maxGapS > 0)) {
            throw new IllegalArgumentException("windows and gap must be positive");
        }
        this.sampleRate = sampleRate;
        this.hrWindow = hrWindowS;
        this.hrvWindow = hrvWindowS;
        this.maxGap = maxGapS;
        this.capacity = (int) Math.ceil(Math.max(hrWindowS, hrvWindowS) / MIN_IBI_S) + 8;
        this.beatTime = new double[capacity];
        this.ibi = new double[capacity];
        this.accepted = new boolean[capacity];
    }

    public void reset() {
        head = size = 0;
        recentCount = recentPos = 0;
        lastBeat = Double.NaN;
        beats = rejected = 0;
        hr = rmssd = sdnn = Double.NaN;
        hrFlags = hrvFlags = 0;
    }

    /** A beat (systolic peak) at sample index {@code sample}; beats must come in time order. */
    public void addBeat(long sample) {
        double t = sample / sampleRate;
        beats++;
        if (Double.isNaN(lastBeat)) {
            lastBeat = t;
            return;
        }
        double interval = t - lastBeat;
        lastBeat = t;
        boolean inRange = interval >= MIN_IBI_S && interval <= MAX_IBI_S;
        boolean ok = inRange;
        if (inRange && recentCount > 0) {
            double ref = median();
            ok = Math.abs(interval - ref) < Math.max(RELATIVE_BAND * ref, MIN_BAND_S);
        }
        if (inRange) {
            recent[recentPos] = interval;
            recentPos = (recentPos + 1) % REFERENCE_IBIS;
            recentCount = Math.min(recentCount + 1, REFERENCE_IBIS);
        }
        if (!ok) {
            rejected++;
        }
        beatTime[head] = t;
        ibi[head] = interval;
        accepted[head] = ok;
        head = (head + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    private double median() {
        System.arraycopy(recent, 0, sorted, 0, recentCount);
        Arrays.sort(sorted, 0, recentCount);
        int m = recentCount / 2;
        return (recentCount & 1) == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }

    /** Beats seen since reset. */
    public long beats() {
        return beats;
    }

    /** IBIs rejected as implausible since reset. */
    public long rejectedIntervals() {
        return rejected;
    }

    /** The most recent IBI in seconds (NaN before two beats). */
    public double lastInterval() {
        return size == 0 ? Double.NaN : ibi[(head - 1 + capacity) % capacity];
    }

    /** Whether the most recent IBI was accepted. */
    public boolean lastIntervalAccepted() {
        return size > 0 && accepted[(head - 1 + capacity) % capacity];
    }

    /** Recomputes heart rate and HRV for windows ending at sample index {@code nowSample}. */
    public void update(long nowSample) {
        double now = nowSample / sampleRate;
        // heart rate
        hrFlags = 0;
        if (Double.isNaN(lastBeat) || now - lastBeat > maxGap) {
            hr = Double.NaN;
            hrFlags = QualityFlags.NO_RECENT_BEAT;
        } else {
            double from = now - hrWindow;
            double sumW = 0, sumOverlap = 0;
            for (int k = 0; k < size; k++) {
                int s = (head - 1 - k + capacity) % capacity;
                double end = beatTime[s];
                double start = end - ibi[s];
                if (end <= from) {
                    break;
                }
                if (!accepted[s]) {
                    continue;
                }
                double overlap = Math.min(end, now) - Math.max(start, from);
                if (overlap > 0) {
                    sumW += overlap / ibi[s];
                    sumOverlap += overlap;
                }
            }
            if (sumOverlap > 0) {
                hr = 60.0 * sumW / sumOverlap;
            } else {
                hr = Double.NaN;
                hrFlags = QualityFlags.TOO_FEW_BEATS;
            }
        }
        // HRV: accepted IBIs entirely inside [now - W, now]
        double from = now - hrvWindow;
        double sum = 0, sumSq = 0, diffSq = 0;
        int count = 0, pairs = 0;
        double next = Double.NaN; // the later neighbour of the IBI being visited, if accepted and in window
        for (int k = 0; k < size; k++) {
            int s = (head - 1 - k + capacity) % capacity;
            double end = beatTime[s];
            double start = end - ibi[s];
            if (start < from) {
                break;
            }
            if (end > now) {
                next = Double.NaN;
                continue;
            }
            if (accepted[s]) {
                double v = ibi[s];
                sum += v;
                sumSq += v * v;
                count++;
                if (!Double.isNaN(next)) {
                    double d = next - v;
                    diffSq += d * d;
                    pairs++;
                }
                next = v;
            } else {
                next = Double.NaN;
            }
        }
        hrvFlags = 0;
        if (pairs > 0) {
            rmssd = 1000 * Math.sqrt(diffSq / pairs);
        } else {
            rmssd = Double.NaN;
            hrvFlags = QualityFlags.TOO_FEW_BEATS;
        }
        if (count > 1) {
            double mean = sum / count;
            sdnn = 1000 * Math.sqrt(Math.max(0, sumSq / count - mean * mean));
        } else {
            sdnn = Double.NaN;
            hrvFlags = QualityFlags.TOO_FEW_BEATS;
        }
    }

    /** Heart rate in beats per minute at the last {@link #update}; NaN when missing. */
    public double heartRate() {
        return hr;
    }

    /** Flags of the heart rate ({@link QualityFlags#NO_RECENT_BEAT}, {@link QualityFlags#TOO_FEW_BEATS}). */
    public int heartRateFlags() {
        return hrFlags;
    }

    /** RMSSD in ms at the last {@link #update}; NaN with too few IBIs. */
    public double rmssd() {
        return rmssd;
    }

    /** SDNN in ms at the last {@link #update}; NaN with too few IBIs. */
    public double sdnn() {
        return sdnn;
    }

    /** Flags of RMSSD and SDNN. */
    public int hrvFlags() {
        return hrvFlags;
    }
}
