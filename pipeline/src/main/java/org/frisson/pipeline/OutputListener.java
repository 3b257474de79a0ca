package org.frisson.pipeline;

import org.frisson.lsl.StreamInfo;

import java.util.List;

/**
 * A sink of the output streams (CSV files, the recorder, a dashboard; in a live pipeline the LSL outlets
 * too, which get each sample first), called on the aligner thread. Outputs are numbered in the order of the
 * descriptions given to {@link #start}, the same numbers for every sink. The arrays passed are the pipeline's
 * own and are overwritten on the next frame: a listener must copy what it needs and return at once, since
 * any time it takes delays the next frame.
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
