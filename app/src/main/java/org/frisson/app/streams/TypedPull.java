package org.frisson.app.streams;

import org.frisson.lsl.Inlet;
import org.frisson.xdf.XdfRecorder;

/** Pull buffers in an inlet's own value type (so every value is recorded exactly as sent), reused across pulls. */
final class TypedPull {

    private final Inlet inlet;
    private final double[] stamps;
    private final Object values;

    TypedPull(Inlet inlet, int maxSamples) {
        this.inlet = inlet;
        this.stamps = new double[maxSamples];
        int n = maxSamples * inlet.channelCount();
        this.values = switch (inlet.format()) {
            case FLOAT32 -> new float[n];
            case DOUBLE64 -> new double[n];
            case INT64 -> new long[n];
            case INT32 -> new int[n];
            case INT16 -> new short[n];
            case INT8 -> new byte[n];
            case STRING -> new String[n];
        };
    }

    /** Pulls what is there, waiting up to {@code timeout} s for the first sample; returns samples pulled. */
    int pull(double timeout) {
        return switch (inlet.format()) {
            case FLOAT32 -> inlet.pull((float[]) values, stamps, timeout);
            case DOUBLE64 -> inlet.pull((double[]) values, stamps, timeout);
            case INT64 -> inlet.pull((long[]) values, stamps, timeout);
            case INT32 -> inlet.pull((int[]) values, stamps, timeout);
            case INT16 -> inlet.pull((short[]) values, stamps, timeout);
            case INT8 -> inlet.pull((byte[]) values, stamps, timeout);
            case STRING -> inlet.pull((String[]) values, stamps, timeout);
        };
    }

    double[] stamps() {
        return stamps;
    }

    /** Appends the first {@code n} pulled samples, with their stamps as pulled, to a recorded stream. */
    void appendTo(XdfRecorder recorder, int id, int n) {
        switch (inlet.format()) {
            case FLOAT32 -> recorder.append(id, (float[]) values, stamps, n);
            case DOUBLE64 -> recorder.append(id, (double[]) values, stamps, n);
            case INT64 -> recorder.append(id, (long[]) values, stamps, n);
            case INT32 -> recorder.append(id, (int[]) values, stamps, n);
            case INT16 -> recorder.append(id, (short[]) values, stamps, n);
            case INT8 -> recorder.append(id, (byte[]) values, stamps, n);
            case STRING -> recorder.append(id, (String[]) values, stamps, n);
        }
    }
}
