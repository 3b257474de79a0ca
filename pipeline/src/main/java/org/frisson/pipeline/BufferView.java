package org.frisson.pipeline;

import org.frisson.stage.StreamWindow;

/** A run of consecutive samples of one stream buffer, as a stage sees it: a view, nothing copied. */
class BufferView implements StreamWindow {

    private final StreamBuffer buffer;
    private int from;
    private int size;

    BufferView(StreamBuffer buffer) {
        this.buffer = buffer;
    }

    /** Points the view at {@code size} samples from logical index {@code from} of the buffer. */
    final void point(int from, int size) {
        this.from = from;
        this.size = size;
    }

    /** Logical index in the buffer of the view's first sample. */
    final int from() {
        return from;
    }

    final StreamBuffer buffer() {
        return buffer;
    }

    @Override
    public final int size() {
        return size;
    }

    @Override
    public final int channels() {
        return buffer.channels();
    }

    @Override
    public final double stamp(int i) {
        check(i);
        return buffer.stamp(from + i);
    }

    @Override
    public final double value(int i, int channel) {
        check(i);
        return buffer.value(from + i, channel);
    }

    @Override
    public final String text(int i, int channel) {
        check(i);
        return buffer.text(from + i, channel);
    }

    @Override
    public final int copyChannel(int channel, double[] dst, int offset) {
        for (int i = 0; i < size; i++) {
            dst[offset + i] = buffer.value(from + i, channel);
        }
        return size;
    }

    @Override
    public final int copy(int first, int count, double[] dst, int offset) {
        if (first < 0 || count < 0 || first + count > size) {
            throw new IndexOutOfBoundsException("samples " + first + " to " + (first + count - 1) + " of a view of "
                    + size);
        }
        int channels = buffer.channels();
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < channels; c++) {
                dst[offset + i * channels + c] = buffer.value(from + first + i, c);
            }
        }
        return count;
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("sample " + i + " of a view of " + size);
        }
    }
}
