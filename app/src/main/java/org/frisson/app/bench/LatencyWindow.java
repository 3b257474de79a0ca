package org.frisson.app.bench;

import org.frisson.lsl.StreamInfo;
import org.frisson.pipeline.OutputListener;

import java.util.Arrays;
import java.util.List;

/**
 * The pipeline's own end-to-end latency (each output's {@code latency} channel: push time minus the newest input
 * stamp) collected per window: {@link #take} returns the window's percentiles and starts the next. Up to
 * {@link #CAPACITY} values a window (beyond, the newest are kept in a ring); no allocation per sample.
 */
final class LatencyWindow implements OutputListener {

    static final int CAPACITY = 1 << 16;

    private int[] latencyChannel = new int[0];
    private final double[] values = new double[CAPACITY];
    private final double[] sorted = new double[CAPACITY];
    private long count;

    @Override
    public synchronized void start(List<StreamInfo> outputs) {
        latencyChannel = new int[outputs.size()];
        for (int k = 0; k < outputs.size(); k++) {
            latencyChannel[k] = outputs.get(k).channelLabels().indexOf("latency");
        }
    }

    @Override
    public synchronized void sample(int output, double stamp, double[] v) {
        int c = latencyChannel[output];
        if (c >= 0 && Double.isFinite(v[c])) {
            values[(int) (count++ % CAPACITY)] = v[c];
        }
    }

    @Override
    public void end() {
    }

    /** {samples, p50, p99, max} in seconds over the window now ending (NaN when empty); starts the next window. */
    synchronized double[] take() {
        int n = (int) Math.min(count, CAPACITY);
        count = 0;
        if (n == 0) {
            return new double[]{0, Double.NaN, Double.NaN, Double.NaN};
        }
        System.arraycopy(values, 0, sorted, 0, n);
        Arrays.sort(sorted, 0, n);
        return new double[]{n, sorted[(int) Math.floor(0.5 * (n - 1))], sorted[(int) Math.ceil(0.99 * (n - 1))],
                sorted[n - 1]};
    }
}
