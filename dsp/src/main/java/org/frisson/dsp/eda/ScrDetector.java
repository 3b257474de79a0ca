package org.frisson.dsp.eda;

/**
 * Streaming detection of skin conductance responses (SCRs) in a phasic signal, with NeuroKit2's
 * definitions ({@code eda_peaks}, method "neurokit"): a peak is a local maximum (a plateau counts once,
 * at its middle, as in scipy's {@code find_peaks}); it is an SCR when its topographic prominence (scipy's
 * {@code peak_prominences}) reaches a threshold; its onset is the nearest local minimum before it; its
 * amplitude is peak minus onset value; its rise time is onset to peak in seconds.
 *
 * <p>A peak's prominence only grows while the signal after it stays below it, so a peak is reported as
 * soon as its prominence reaches the threshold: the live latency is the time the signal takes to fall by
 * the threshold after the peak. Prominence is final once a higher sample arrives (or at {@link #flush()}).
 *
 * <p>NeuroKit2 keeps peaks whose prominence is at least 10% of the largest prominence in the whole
 * record, which only an offline pass can know: {@link #detectRelativeToLargest} does that with two passes
 * of this detector. Live, the threshold is absolute (default {@link #DEFAULT_MIN_AMPLITUDE_US}), so live
 * detection also reports the small responses (and, on a noisy sensor, noise ripples) that the relative
 * rule drops; raise the threshold for noisy recordings.
 *
 * <p>Memory is fixed: up to {@link #MAX_OPEN_PEAKS} peaks can be awaiting their prominence at once; beyond
 * that the oldest is dropped (it remains a boundary for later peaks' prominence, but is no longer
 * reported).
 */
public final class ScrDetector {

    /** Minimum SCR amplitude commonly used: 0.01 µS (Boucsein et al. 2012, publication recommendations for EDA). */
    public static final double DEFAULT_MIN_AMPLITUDE_US = 0.01;
    /** NeuroKit2 eda_peaks default: prominence at least 10% of the largest one ({@code amplitude_min=0.1}). */
    public static final double NEUROKIT_RELATIVE_MIN = 0.1;
    /** Peaks awaiting their prominence at once. */
    public static final int MAX_OPEN_PEAKS = 256;

    private final double sampleRate;
    private final double threshold;

    // open peaks, oldest (tallest) first
    private final long[] idx = new long[MAX_OPEN_PEAKS];
    private final double[] height = new double[MAX_OPEN_PEAKS];
    private final double[] leftMin = new double[MAX_OPEN_PEAKS];
    private final double[] rightMin = new double[MAX_OPEN_PEAKS];
    private final long[] onsetIdx = new long[MAX_OPEN_PEAKS];
    private final double[] onsetVal = new double[MAX_OPEN_PEAKS];
    private final boolean[] confirmed = new boolean[MAX_OPEN_PEAKS];
    private int open;

    private boolean hasFloor;        // the last peak dropped for lack of room, kept as a boundary
    private double floorHeight;
    private double floorRightMin;

    private long n;                  // samples seen
    private double runValue;         // current run of equal samples
    private long runStart;
    private boolean runAfterRise;
    private boolean runAfterFall;
    private double minAll;
    private long troughIdx = -1;
    private double troughVal;
    private double largest;

    /**
     * @param minProminence prominence (signal units, µS for phasic EDA) an SCR must reach
     */
    public ScrDetector(double sampleRate, double minProminence) {
        if (!(sampleRate > 0)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + sampleRate);
        }
        if (!(minProminence > 0)) {
            throw new IllegalArgumentException("minimum prominence must be positive, got " + minProminence);
        }
        this.sampleRate = sampleRate;
        this.threshold = minProminence;
        reset();
    }

    /** Live detector with the common 0.01 µS minimum. */
    public ScrDetector(double sampleRate) {
        this(sampleRate, DEFAULT_MIN_AMPLITUDE_US);
    }

    public double threshold() {
        return threshold;
    }

    public void reset() {
        open = 0;
        hasFloor = false;
        n = 0;
        minAll = Double.POSITIVE_INFINITY;
        runStart = -1;
        troughIdx = -1;
        largest = 0;
    }

    /** Largest final prominence of any peak seen so far (complete after {@link #flush()}). */
    public double largestProminence() {
        return largest;
    }

    /**
     * Feeds {@code count} phasic samples; confirmed SCRs are appended to {@code out}. Non-finite samples are
     * skipped (they count as samples but take no part in peaks).
     */
    public void process(double[] x, int off, int count, ScrEvents out) {
        for (int k = 0; k < count; k++) {
            step(x[off + k], out);
        }
    }

    private void step(double x, ScrEvents out) {
        long i = n++;
        if (!Double.isFinite(x)) {
            return;
        }
        if (runStart < 0) {
            startRun(x, i, false, false);
            minAll = x;
            return;
        }
        if (x != runValue) {
            long mid = (runStart + i - 1) / 2;
            if (runAfterRise && x < runValue) {
                newPeak(mid, runValue, i);
            } else if (runAfterFall && x > runValue) {
                troughIdx = mid;
                troughVal = runValue;
            }
            boolean rise = x > runValue;
            startRun(x, i, rise, !rise);
        }
        // close peaks that x rises above (their right base is final)
        while (open > 0 && height[open - 1] < x) {
            finish(open - 1);
            open--;
        }
        if (hasFloor && floorHeight < x) {
            hasFloor = false;
        }
        for (int e = 0; e < open; e++) {
            if (x < rightMin[e]) {
                rightMin[e] = x;
            }
        }
        if (hasFloor && x < floorRightMin) {
            floorRightMin = x;
        }
        if (x < minAll) {
            minAll = x;
        }
        for (int e = 0; e < open; e++) {
            if (!confirmed[e]) {
                double prom = height[e] - Math.max(leftMin[e], rightMin[e]);
                if (prom >= threshold) {
                    confirm(e, prom, i, out);
                }
            }
        }
    }

    private void startRun(double x, long i, boolean afterRise, boolean afterFall) {
        runValue = x;
        runStart = i;
        runAfterRise = afterRise;
        runAfterFall = afterFall;
    }

    private void newPeak(long p, double h, long now) {
        // Left base: lowest sample since the nearest earlier sample higher than h. Open peaks all have
        // height >= h (lower ones were closed when the rise to h passed them); equal ones are passed over.
        double left;
        int e = open - 1;
        while (e >= 0 && height[e] <= h) {
            e--;
        }
        if (e >= 0) {
            left = rightMin[e];
        } else if (hasFloor && floorHeight > h) {
            left = floorRightMin;
        } else {
            left = minAll;
        }
        if (open == MAX_OPEN_PEAKS) {
            hasFloor = true;
            floorHeight = height[0];
            floorRightMin = rightMin[0];
            shiftOutOldest();
        }
        int t = open++;
        idx[t] = p;
        height[t] = h;
        leftMin[t] = Math.min(left, h);
        rightMin[t] = now - 1 > p ? h : Double.POSITIVE_INFINITY;
        confirmed[t] = false;
        if (troughIdx >= 0 && troughIdx < p) {
            onsetIdx[t] = troughIdx;
            onsetVal[t] = troughVal;
        } else {
            onsetIdx[t] = -1;
            onsetVal[t] = Double.NaN;
        }
    }

    private void shiftOutOldest() {
        finish(0);
        System.arraycopy(idx, 1, idx, 0, open - 1);
        System.arraycopy(height, 1, height, 0, open - 1);
        System.arraycopy(leftMin, 1, leftMin, 0, open - 1);
        System.arraycopy(rightMin, 1, rightMin, 0, open - 1);
        System.arraycopy(onsetIdx, 1, onsetIdx, 0, open - 1);
        System.arraycopy(onsetVal, 1, onsetVal, 0, open - 1);
        System.arraycopy(confirmed, 1, confirmed, 0, open - 1);
        open--;
    }

    private void finish(int e) {
        double prom = height[e] - Math.max(leftMin[e], rightMin[e]);
        if (prom > largest) {
            largest = prom;
        }
    }

    private void confirm(int e, double prom, long now, ScrEvents out) {
        confirmed[e] = true;
        long on = onsetIdx[e];
        double amp = on >= 0 ? height[e] - onsetVal[e] : Double.NaN;
        double rise = on >= 0 ? (idx[e] - on) / sampleRate : Double.NaN;
        out.add(on, idx[e], now, amp, rise, prom);
    }

    /**
     * End of the record: every peak still open gets its final prominence (right base = lowest sample
     * since it) and is reported if that reaches the threshold. The detector can then be {@link #reset()}.
     */
    public void flush(ScrEvents out) {
        for (int e = 0; e < open; e++) {
            double prom = height[e] - Math.max(leftMin[e], rightMin[e]);
            finish(e);
            if (!confirmed[e] && prom >= threshold) {
                confirm(e, prom, n, out);
            }
        }
        open = 0;
    }

    /**
     * Offline, NeuroKit2's rule: SCRs are the peaks whose prominence is at least {@code relative} times the
     * largest prominence in {@code x[off..off+count)}. Two passes; returns that largest prominence.
     */
    public static double detectRelativeToLargest(double[] x, int off, int count, double sampleRate, double relative,
                                                 ScrEvents out) {
        ScrDetector first = new ScrDetector(sampleRate, Double.MAX_VALUE);
        ScrEvents none = new ScrEvents(1);
        first.process(x, off, count, none);
        first.flush(none);
        double largest = first.largestProminence();
        if (!(largest > 0)) {
            return largest;
        }
        ScrDetector second = new ScrDetector(sampleRate, relative * largest);
        second.process(x, off, count, out);
        second.flush(out);
        return largest;
    }
}
