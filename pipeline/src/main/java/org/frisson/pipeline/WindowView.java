package org.frisson.pipeline;

/**
 * A stage's window onto one stream buffer for the current frame, and the window's samples that no earlier
 * frame's window held ({@link #fresh()}): views, nothing copied, nothing allocated per frame.
 *
 * <p>Invariant: {@code offeredUpTo} is the newest stamp any earlier frame's window held (minus infinity before
 * the first sample and right after a restart), so across frames {@link #fresh()} offers each sample of the
 * stream once, in stamp order, as long as it is inside the window at some frame after it arrived.
 */
final class WindowView extends BufferView {

    final int stream;
    final double seconds;
    private final BufferView fresh;
    private double offeredUpTo = Double.NEGATIVE_INFINITY;
    private long clears;
    private boolean restarted;

    WindowView(int stream, double seconds, StreamBuffer buffer) {
        super(buffer);
        this.stream = stream;
        this.seconds = seconds;
        this.fresh = new BufferView(buffer);
        this.clears = buffer.clears();
    }

    /** Points the views at the samples with stamps in {@code (t - seconds, t]}, or at nothing. */
    void frame(double t, boolean missing) {
        restarted = false;
        StreamBuffer buffer = buffer();
        if (missing) {
            point(0, 0);
            fresh.point(0, 0);
            return; // the samples wait for the next frame where the stream is there
        }
        int from = buffer.firstAfter(t - seconds);
        int size = buffer.firstAfter(t) - from;
        point(from, size);
        if (buffer.clears() != clears) {
            clears = buffer.clears(); // the stamps went back and the history was cleared: what was offered is void
            restarted = offeredUpTo != Double.NEGATIVE_INFINITY;
            offeredUpTo = Double.NEGATIVE_INFINITY;
        }
        int first = Math.max(from, buffer.firstAfter(offeredUpTo));
        fresh.point(first, from + size - first);
        if (size > 0) {
            offeredUpTo = Math.max(offeredUpTo, buffer.stamp(from + size - 1));
        }
    }

    /** The window's samples after the newest stamp an earlier frame's window held. */
    BufferView fresh() {
        return fresh;
    }

    /** Whether the history was cleared since samples were last offered (true on one frame only). */
    boolean restarted() {
        return restarted;
    }

    /** Stamp of the newest sample in the window, NaN when empty. */
    double newestStamp() {
        return size() == 0 ? Double.NaN : buffer().stamp(from() + size() - 1);
    }
}
