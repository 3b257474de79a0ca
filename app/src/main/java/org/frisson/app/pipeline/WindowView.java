package org.frisson.app.pipeline;

import org.frisson.stage.StreamWindow;

/** A stage's window onto one stream buffer for the current frame: a view, nothing copied. */
final class WindowView implements StreamWindow {

    final int stream;
    final double seconds;
    private final StreamBuffer buffer;
    private int from;
    private int size;

    WindowView(int stream, double seconds, StreamBuffer buffer) {
        this.stream = stream;
        this.seconds = seconds;
        this.buffer = buffer;
    }

    /** Points the view at the samples with stamps in {@code (t - seconds, t]}, or at nothing. */
    void frame(double t, boolean missing) {
        if (missing) {
            from = 0;
            size = 0;
            return;
        }
        from = buffer.firstAfter(t - seconds);
        size = buffer.firstAfter(t) - from;
    }

    /** Stamp of the newest sample in the window, NaN when empty. */
    double newestStamp() {
        return size == 0 ? Double.NaN : buffer.stamp(from + size - 1);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int channels() {
        return buffer.channels();
    }

    @Override
    public double stamp(int i) {
        check(i);
        return buffer.stamp(from + i);
    }

    @Override
    public double value(int i, int channel) {
        check(i);
        return buffer.value(from + i, channel);
    }

    @Override
    public String text(int i, int channel) {
        check(i);
        return buffer.text(from + i, channel);
    }

    @Override
    public int copyChannel(int channel, double[] dst, int offset) {
        for (int i = 0; i < size; i++) {
            dst[offset + i] = buffer.value(from + i, channel);
        }
        return size;
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("sample " + i + " of a window of " + size);
        }
    }
}
