package org.frisson.stage;

/**
 * A read-only view of one stream's samples within a frame's window, oldest first. Non-finite values
 * arrive as NaN: a missing value, never a number.
 */
public interface StreamWindow {

    /** Samples in the window. */
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
}
