package org.frisson.dsp.music;

/**
 * Peaks of a curve as it arrives: the value {@code lookahead} steps back is a peak when it is above every
 * earlier value and at least every later value within {@code lookahead} steps (the first of equal maxima
 * wins; missing values, NaN, are passed over), its strength reaches {@code threshold}, and its time is at
 * least {@code refractory} after the previous peak's. A peak is therefore confirmed {@code lookahead}
 * steps after it happened.
 */
public final class CausalPeakPicker {

    private final int lookahead;
    private final double threshold;
    private final double refractory;
    private final double[] values;
    private final double[] strengths;
    private final double[] times;
    private int next;
    private int size;
    private double lastPeak = Double.NEGATIVE_INFINITY;
    private double peakValue = Double.NaN;
    private double peakStrength = Double.NaN;
    private double peakTime = Double.NaN;

    public CausalPeakPicker(int lookahead, double threshold, double refractory) {
        if (lookahead < 1) {
            throw new IllegalArgumentException("lookahead must be at least 1 step, got " + lookahead);
        }
        if (!(refractory >= 0)) {
            throw new IllegalArgumentException("refractory must be >= 0, got " + refractory);
        }
        this.lookahead = lookahead;
        this.threshold = threshold;
        this.refractory = refractory;
        int capacity = 2 * lookahead + 1;
        values = new double[capacity];
        strengths = new double[capacity];
        times = new double[capacity];
    }

    /**
     * Adds the next point of the curve: its value, the strength that must reach the threshold (NaN never
     * does), and its time. Returns whether the point {@code lookahead} steps back is now a confirmed peak
     * ({@link #peakValue()}, {@link #peakStrength()}, {@link #peakTime()}).
     */
    public boolean add(double value, double strength, double time) {
        values[next] = value;
        strengths[next] = strength;
        times[next] = time;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
        if (size < lookahead + 1) {
            return false;
        }
        int c = size - 1 - lookahead;
        double v = at(values, c);
        if (!(v == v) || !(at(strengths, c) >= threshold) || at(times, c) - lastPeak < refractory) {
            return false;
        }
        for (int j = 0; j < size; j++) {
            double u = at(values, j);
            if (j < c ? u >= v : j > c && u > v) {
                return false;
            }
        }
        lastPeak = at(times, c);
        peakValue = v;
        peakStrength = at(strengths, c);
        peakTime = lastPeak;
        return true;
    }

    public double peakValue() {
        return peakValue;
    }

    public double peakStrength() {
        return peakStrength;
    }

    public double peakTime() {
        return peakTime;
    }

    public void reset() {
        next = 0;
        size = 0;
        lastPeak = Double.NEGATIVE_INFINITY;
        peakValue = Double.NaN;
        peakStrength = Double.NaN;
        peakTime = Double.NaN;
    }

    /** Point {@code i} of those held, 0 the oldest. */
    private double at(double[] ring, int i) {
        return ring[(next - size + i + ring.length) % ring.length];
    }
}
