package org.frisson.app.stages;

import org.frisson.stage.InputRef;
import org.frisson.stage.StageConfigException;
import org.frisson.stage.StageContext;
import org.frisson.stage.StreamWindow;

import java.util.List;

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

    /**
     * Seconds of slack for a stream that came late: frames go out without it once it is its {@code timeout}
     * late (1 s in the shipped configs), and when its samples come (a first chunk with the backlog since the
     * inlet subscribed, or after a stall on a loaded machine) every one of them must still be in view, or the
     * streaming processor would miss them and live results would part from offline ones.
     */
    static final double LATE_SLACK_SECONDS = 4.0;

    /** History a streaming stage asks for: the samples since the previous frame, with slack for late streams. */
    static double history(StageContext context) {
        return Math.max(2 * context.hopSeconds(), 1.0) + LATE_SLACK_SECONDS;
    }

    /** Samples that history holds at {@code rate}, with margin: the feed buffer's size. */
    static int maxSamples(StageContext context, double rate) {
        return (int) Math.ceil(history(context) * rate) + 8;
    }

    /**
     * The streams bound to {@code role}, checked to be regular numeric streams ({@code channels} of them,
     * or any number when negative); {@code what} names the signal in the error.
     */
    static List<InputRef> regularInputs(StageContext context, String role, int channels, String what) {
        List<InputRef> refs = context.inputs(role, history(context));
        for (InputRef in : refs) {
            if (in.text() || in.rate() <= 0 || (channels >= 0 && in.channels() != channels)) {
                throw new StageConfigException(context.params().where() + ": input '" + role + "' (" + in.name()
                        + ", " + in.channels() + " channels at " + in.rate() + " Hz) must be a regular "
                        + (channels >= 0 ? channels + "-channel " : "") + what + " stream");
            }
        }
        return refs;
    }

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
