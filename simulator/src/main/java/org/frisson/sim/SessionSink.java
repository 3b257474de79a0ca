package org.frisson.sim;

import java.io.IOException;

/**
 * Where a simulated session's samples go: live LSL outlets or an XDF file. Streams are numbered as in
 * {@link SessionSource#streams()}; each call hands over the next samples of one stream, stamped on the sink's clock.
 */
public interface SessionSink extends AutoCloseable {

    /** {@code samples} numeric samples, channel-interleaved in {@code values}, one stamp each. */
    void samples(int stream, float[] values, int samples, double[] stamps);

    /** {@code count} string markers of a one-channel stream, one stamp each. */
    void markers(int stream, String[] texts, int count, double[] stamps);

    @Override
    void close() throws IOException;
}
