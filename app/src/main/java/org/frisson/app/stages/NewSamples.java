package org.frisson.app.stages;

import org.frisson.stage.StreamWindow;

/**
 * Feeds streaming processors from overlapping frame windows: remembers the newest stamp already handed
 * on and copies only the samples after it (channel-interleaved) into a reused buffer. A stream whose
 * stamps went back (a clock reset) starts over.
 */
final class NewSamples {

    private final int channels;
    private final double[] buffer;
    private double fedUpTo = Double.NEGATIVE_INFINITY;
    private boolean restarted;

    NewSamples(int channels, int maxSamples) {
        this.channels = channels;
        this.buffer = new double[channels * maxSamples];
    }

    /** Copies the window's samples newer than the last call into {@link #buffer()}; returns how many. */
    int take(StreamWindow w) {
        restarted = false;
        int size = w.size();
        if (size == 0) {
            return 0;
        }
        if (w.stamp(size - 1) < fedUpTo) {
            fedUpTo = Double.NEGATIVE_INFINITY; // the stream's clock went back: everything is new again
            restarted = true;
        }
        int first = size;
        while (first > 0 && w.stamp(first - 1) > fedUpTo) {
            first--;
        }
        int n = Math.min(size - first, buffer.length / channels);
        first = size - n;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                buffer[i * channels + c] = w.value(first + i, c);
            }
        }
        if (n > 0) {
            fedUpTo = w.stamp(size - 1);
        }
        return n;
    }

    /** Whether the last {@link #take} found the stream restarted (processors should be reset). */
    boolean restarted() {
        return restarted;
    }

    double[] buffer() {
        return buffer;
    }

    void reset() {
        fedUpTo = Double.NEGATIVE_INFINITY;
    }
}
