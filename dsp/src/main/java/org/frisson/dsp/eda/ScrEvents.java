package org.frisson.dsp.eda;

/**
 * Caller-owned list of skin conductance responses found by {@link ScrDetector}, in the order they were
 * confirmed. Sample indices count from the detector's {@code reset()}. Allocated once.
 */
public final class ScrEvents {

    private final long[] onset;
    private final long[] peak;
    private final long[] confirmedAt;
    private final double[] amplitude;
    private final double[] riseTime;
    private final double[] prominence;
    private int size;

    public ScrEvents(int capacity) {
        onset = new long[capacity];
        peak = new long[capacity];
        confirmedAt = new long[capacity];
        amplitude = new double[capacity];
        riseTime = new double[capacity];
        prominence = new double[capacity];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return peak.length;
    }

    public void clear() {
        size = 0;
    }

    void add(long onsetIndex, long peakIndex, long confirmedIndex, double amp, double rise, double prom) {
        if (size == peak.length) {
            throw new IllegalStateException("ScrEvents is full (" + peak.length
                    + " responses): read and clear it between chunks, or give it more capacity");
        }
        onset[size] = onsetIndex;
        peak[size] = peakIndex;
        confirmedAt[size] = confirmedIndex;
        amplitude[size] = amp;
        riseTime[size] = rise;
        prominence[size] = prom;
        size++;
    }

    /** Sample index of the response's onset (the last trough before the peak), or -1 when there was none. */
    public long onset(int i) {
        return onset[i];
    }

    /** Sample index of the response's peak. */
    public long peak(int i) {
        return peak[i];
    }

    /** Sample index at which the response was confirmed (the latency of live detection ends here). */
    public long confirmedAt(int i) {
        return confirmedAt[i];
    }

    /** Peak minus onset value, in the signal's unit (µS for phasic skin conductance); NaN without onset. */
    public double amplitude(int i) {
        return amplitude[i];
    }

    /** Seconds from onset to peak; NaN without onset. */
    public double riseTime(int i) {
        return riseTime[i];
    }

    /** The peak's topographic prominence when it was confirmed (at least the detector's threshold). */
    public double prominence(int i) {
        return prominence[i];
    }
}
