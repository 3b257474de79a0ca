package org.frisson.app.calibrate;

import org.frisson.pipeline.OutputListener;
import org.frisson.lsl.StreamInfo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every numeric output of an offline pipeline run, kept in memory: one row per frame with its stamp, the
 * channels of every output side by side (labelled {@code <output name>:<channel>}). Each output gets one
 * sample per frame, so row i of every output is the same frame.
 */
final class FrameTable implements OutputListener {

    private final Map<String, Integer> columns = new LinkedHashMap<>();
    private int[] base;
    private int width;
    private double[] stamps = new double[1024];
    private double[][] rows = new double[1024][];
    private int count;
    private int[] seen;

    @Override
    public void start(List<StreamInfo> outputs) {
        base = new int[outputs.size()];
        seen = new int[outputs.size()];
        for (int o = 0; o < outputs.size(); o++) {
            base[o] = width;
            List<String> labels = outputs.get(o).channelLabels();
            for (String l : labels) {
                columns.put(outputs.get(o).name() + ":" + l, width++);
            }
        }
    }

    @Override
    public void sample(int output, double stamp, double[] values) {
        int row = seen[output]++;
        if (row >= rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
            stamps = Arrays.copyOf(stamps, stamps.length * 2);
        }
        if (rows[row] == null) {
            rows[row] = new double[width];
            Arrays.fill(rows[row], Double.NaN);
            stamps[row] = stamp;
            count = Math.max(count, row + 1);
        }
        int n = Math.min(values.length, width - base[output]);
        for (int i = 0; i < n && base[output] + i < width; i++) {
            rows[row][base[output] + i] = values[i];
        }
    }

    @Override
    public void end() {
    }

    int rows() {
        return count;
    }

    double stamp(int row) {
        return stamps[row];
    }

    /** The column of {@code output:channel}, or -1. */
    int column(String output, String channel) {
        return columns.getOrDefault(output + ":" + channel, -1);
    }

    double value(int row, int column) {
        return rows[row][column];
    }

    /** Newest row whose stamp is at or before {@code t}, searching forward from {@code from}; -1 if none. */
    int rowAtOrBefore(double t, int from) {
        int r = Math.max(from, -1);
        while (r + 1 < count && stamps[r + 1] <= t) {
            r++;
        }
        return r;
    }
}
