package org.frisson.stage;

import java.util.Arrays;
import java.util.List;

/**
 * The newest result of a stage, for stages further down the config to read in the same frame (an embedding of
 * the music, a vector of EEG features): a fixed number of labelled values, the stamp of the newest input they
 * depend on, and a count of results so far. The writing stage creates it at configure time and publishes it
 * with {@link StageContext#publish}; readers get it with {@link StageContext#upstream(String)}.
 *
 * <p>The writer {@link #set}s values, then {@link #publish}es them as the newest result; readers see a
 * result only once it is published, all of it at once. A result may take longer than a frame to come (a
 * model on its own thread) or several may come within one frame (only the newest is kept): a reader watches
 * {@link #count()} to see a new one. Written and read on the pipeline's thread during {@link Stage#process}
 * only; nothing is allocated after construction.
 */
public final class LatestResult {

    private final List<String> labels;
    private final double rate;
    private final double span;
    private final double[] next;
    private final double[] values;
    private long count;
    private double stamp = Double.NaN;

    /**
     * @param labels what each value is, in order; empty for a stage with nothing to give this session
     * @param rate   results per second the writer aims at (its hop), for readers that scale windows to it
     * @param span   seconds of input each result summarises, ending at its stamp (a model's patch), for readers
     *               that place a result in time at the middle of what it heard; 0 for an instantaneous one
     */
    public LatestResult(List<String> labels, double rate, double span) {
        if (!(rate >= 0) || !(span >= 0)) {
            throw new IllegalArgumentException("a result's rate and span must be >= 0, got " + rate + " and " + span);
        }
        this.labels = List.copyOf(labels);
        this.rate = rate;
        this.span = span;
        this.next = new double[labels.size()];
        this.values = new double[labels.size()];
        Arrays.fill(next, Double.NaN);
        Arrays.fill(values, Double.NaN);
    }

    /** What each value is, in order. */
    public List<String> labels() {
        return labels;
    }

    /** Values per result. */
    public int width() {
        return values.length;
    }

    /** Results per second the writer aims at. */
    public double rate() {
        return rate;
    }

    /** Seconds of input each result summarises, ending at its {@link #stamp()}; 0 for an instantaneous one. */
    public double span() {
        return span;
    }

    // --- the writer

    /** Sets value {@code i} of the next result; values not set keep what they were in the previous one. */
    public void set(int i, double value) {
        next[i] = value;
    }

    /** Makes the values set so far the newest result, depending on input up to {@code stamp}; counts it. */
    public void publish(double stamp) {
        System.arraycopy(next, 0, values, 0, values.length);
        this.stamp = stamp;
        count++;
    }

    /** Forgets the newest result (values and stamp NaN); the count stays, so readers see no new result. */
    public void clear() {
        Arrays.fill(next, Double.NaN);
        Arrays.fill(values, Double.NaN);
        stamp = Double.NaN;
    }

    // --- readers

    /** Results published so far; never goes back. The values changed when this did. */
    public long count() {
        return count;
    }

    /** LSL time of the newest input sample the newest result depends on; NaN before the first. */
    public double stamp() {
        return stamp;
    }

    /** Value {@code i} of the newest result; NaN before the first. Stable until the writer's next publish. */
    public double value(int i) {
        return values[i];
    }
}
