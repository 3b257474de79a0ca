package org.frisson.pipeline;

import org.frisson.lsl.StreamInfo;

import java.util.List;

/**
 * Sees every input chunk, on its own thread: a consumer of the ring running beside the aligner (a
 * recorder, a dashboard feed). It may take its time per chunk; while it lags, the ring fills and the
 * inlets' own buffers hold the data, nothing is lost.
 */
public interface ChunkListener {

    /** Once, before the first chunk: every input's full description, in input order. */
    void start(List<StreamInfo> inputs);

    /**
     * One chunk of input {@code stream}. Stamps are on the local LSL clock; {@code clockOffset} is the
     * correction that was added to the source's own stamps. Values are channel-interleaved (NaN for
     * non-finite input); string streams fill {@code texts} instead. The arrays are reused after return.
     */
    void chunk(int stream, int samples, double[] stamps, double[] values, String[] texts, double clockOffset);

    /** Once, after the last chunk (the pipeline is closing). */
    void end();
}
