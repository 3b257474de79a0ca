package org.frisson.pipeline;

import org.frisson.lsl.StreamInfo;

import java.util.List;

/**
 * Where a pipeline's input streams come from and what drives its aligner. {@link LslSource}: streams
 * resolved on the network, each inlet read on its own thread into the ring, a ticker for time passing, all
 * on the local LSL clock. {@link RecordingSource}: a recording's streams handed over chunk by chunk on the
 * caller's thread, on the data's own clock, no threads.
 *
 * <p>The pipeline calls {@link #bind} once, then {@link #start} once, then {@link #close} once (also after a
 * failed bind or start).
 */
interface InputSource extends AutoCloseable {

    /** A config input bound to one of its streams (full description). */
    record Bound(PipelineConfig.Input input, StreamInfo info) {
    }

    /**
     * Binds every config input to its streams: in config order, the streams of a role together. These
     * numbers are the streams' numbers in every {@link ChunkEvent}.
     *
     * @throws PipelineConfig.ConfigException when an input does not fit
     * @throws org.frisson.lsl.LslException   when a required input cannot be found
     */
    List<Bound> bind(PipelineConfig config);

    /**
     * Whether data arrives as it happens: stages may then take shortcuts that would make a replay differ, and
     * the outputs go out on LSL, health included.
     */
    boolean live();

    /** The clock frames are due by: the local LSL clock, or the newest stamp fed. */
    double now();

    /** The local clock when an output sample goes out, for its latency; NaN where there is none. */
    double wallClock();

    /**
     * Starts handing chunks to {@code aligner}: input chunks and ticks; {@code health}: each bound stream's, in
     * bind order; {@code chunks}: listeners that see every input chunk on threads of their own.
     */
    void start(Aligner aligner, List<StreamHealth> health, List<ChunkListener> chunks);

    /** Stops handing chunks over (what was handed over is processed first) and releases the inputs. */
    @Override
    void close();
}
