package org.frisson.dsp.eda;

import org.frisson.dsp.QualityFlags;

/**
 * Per-sample quality flags for raw skin conductance (µS), after Kleckner et al. 2018 ("Simple,
 * transparent, and flexible automated quality assessment procedures for ambulatory electrodermal
 * activity data", IEEE TBME): values outside 0.05–60 µS ({@link QualityFlags#OUT_OF_RANGE}, which also
 * catches a sensor pinned at its rail), changes faster than 10 µS/s ({@link QualityFlags#TOO_STEEP}),
 * plus a flat-line check: no change beyond a tolerance over a whole window
 * ({@link QualityFlags#FLAT_LINE}, a detached or saturated sensor), and NaN/infinity
 * ({@link QualityFlags#NON_FINITE_INPUT}). Sliding minimum and maximum over the flat-line window use
 * preallocated monotonic queues; nothing is allocated per sample.
 */
public final class EdaQualityMonitor {

    /** Lowest plausible skin conductance, µS (Kleckner et al. 2018). */
    public static final double MIN_US = 0.05;
    /** Highest plausible skin conductance, µS (Kleckner et al. 2018). */
    public static final double MAX_US = 60.0;
    /** Fastest plausible change, µS/s (Kleckner et al. 2018). */
    public static final double MAX_SLOPE_US_PER_S = 10.0;
    /** Flat-line window, s (engineering choice: longer than any plausible still period of a live sensor). */
    public static final double FLAT_WINDOW_S = 5.0;
    /** Flat-line tolerance, µS: below typical sensor noise, above float rounding. */
    public static final double FLAT_TOLERANCE_US = 1e-3;

    private final double sampleRate;
    private final double min;
    private final double max;
    private final double maxStep;
    private final double tolerance;
    private final int window;
    private final long[] maxIdx, minIdx;
    private final double[] maxVal, minVal;
    private int maxHead, maxSize, minHead, minSize;
    private long n;
    private long finiteSince;
    private double last = Double.NaN;

    public EdaQualityMonitor(double sampleRate) {
        this(sampleRate, MIN_US, MAX_US, MAX_SLOPE_US_PER_S, FLAT_WINDOW_S, FLAT_TOLERANCE_US);
    }

    public EdaQualityMonitor(double sampleRate, double minUs, double maxUs, double maxSlopeUsPerS,
                             double flatWindowS, double flatToleranceUs) {
        if (!(sampleRate > 0)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + sampleRate);
        }
        if (!(minUs < maxUs)) {
            throw new IllegalArgumentException("plausible range must increase, got " + minUs + " to " + maxUs);
        }
        this.sampleRate = sampleRate;
        this.min = minUs;
        this.max = maxUs;
        this.maxStep = maxSlopeUsPerS / sampleRate;
        this.tolerance = flatToleranceUs;
        this.window = Math.max(2, (int) Math.round(flatWindowS * sampleRate));
        this.maxIdx = new long[window];
        this.minIdx = new long[window];
        this.maxVal = new double[window];
        this.minVal = new double[window];
        reset();
    }

    public double sampleRate() {
        return sampleRate;
    }

    public void reset() {
        maxHead = maxSize = minHead = minSize = 0;
        n = 0;
        finiteSince = 0;
        last = Double.NaN;
    }

    /** Flags of the next sample. */
    public int check(double x) {
        long i = n++;
        if (!Double.isFinite(x)) {
            last = Double.NaN;
            maxSize = minSize = 0;
            finiteSince = n;
            return QualityFlags.NON_FINITE_INPUT;
        }
        int flags = 0;
        if (x <= min || x >= max) {
            flags |= QualityFlags.OUT_OF_RANGE;
        }
        if (Double.isFinite(last) && Math.abs(x - last) > maxStep) {
            flags |= QualityFlags.TOO_STEEP;
        }
        last = x;
        // sliding max and min over the last `window` samples; expire first, so a queue never exceeds `window`
        if (maxSize > 0 && maxIdx[maxHead] <= i - window) {
            maxHead = (maxHead + 1) % window;
            maxSize--;
        }
        while (maxSize > 0 && maxVal[(maxHead + maxSize - 1) % window] <= x) {
            maxSize--;
        }
        maxIdx[(maxHead + maxSize) % window] = i;
        maxVal[(maxHead + maxSize) % window] = x;
        maxSize++;
        if (minSize > 0 && minIdx[minHead] <= i - window) {
            minHead = (minHead + 1) % window;
            minSize--;
        }
        while (minSize > 0 && minVal[(minHead + minSize - 1) % window] >= x) {
            minSize--;
        }
        minIdx[(minHead + minSize) % window] = i;
        minVal[(minHead + minSize) % window] = x;
        minSize++;
        if (n - finiteSince >= window && maxVal[maxHead] - minVal[minHead] <= tolerance) {
            flags |= QualityFlags.FLAT_LINE;
        }
        return flags;
    }

    /** Flags of {@code count} samples into {@code flags[outOff..]}. */
    public void process(double[] x, int off, int count, int[] flags, int outOff) {
        for (int k = 0; k < count; k++) {
            flags[outOff + k] = check(x[off + k]);
        }
    }
}
