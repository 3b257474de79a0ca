package org.frisson.stage;

/**
 * A read-only view of some of one stream's samples within a frame ({@link Frame#window} or
 * {@link Frame#newSamples}), oldest first, stamps never decreasing. Non-finite values arrive as NaN: a missing
 * value, never a number. Valid only during {@link Stage#process}.
 */
public interface StreamWindow {

    /** Samples in the view. */
    int size();

    int channels();

    /** Stamp of sample {@code i} on the local LSL clock. */
    double stamp(int i);

    /** Value of channel {@code channel} of sample {@code i}. */
    double value(int i, int channel);

    /** String value of a marker stream. */
    String text(int i, int channel);

    /** Copies channel {@code channel} of every sample into {@code dst} from {@code offset}; returns {@link #size()}. */
    int copyChannel(int channel, double[] dst, int offset);

    /**
     * Copies samples {@code first} to {@code first + count - 1}, every channel, channel-interleaved (as a
     * streaming processor takes them) into {@code dst} from {@code offset}; returns {@code count}.
     */
    int copy(int first, int count, double[] dst, int offset);
}
