package org.frisson.app.pipeline;

import org.frisson.lsl.StreamInfo;

import java.util.List;

/**
 * Sees every output sample, called on the aligner thread right after the sample is pushed to LSL. It
 * must copy what it needs and return at once: any time it takes delays the next frame.
 */
public interface OutputListener {

    /** Once, before the first sample: every output stream's full description (its outlet's), in order. */
    void start(List<StreamInfo> outputs);

    /** One sample of output {@code output} (channels in the description's order, latency last). */
    void sample(int output, double stamp, double[] values);

    /**
     * One marker on marker output {@code output} (an irregular string stream, numbered with the others),
     * with the stamp its stage gave it. Listeners that only want numbers need not implement it.
     */
    default void marker(int output, double stamp, String text) {
    }

    /** Once, after the last sample. */
    void end();
}
