package org.frisson.stage;

/**
 * One step of the pipeline's clock: every input's recent samples, aligned at {@link #time()}. A frame is
 * valid only during {@link Stage#process}; the views it hands out are reused for the next frame.
 */
public interface Frame {

    /** Frame number since the pipeline started. */
    long index();

    /** The frame time on the local LSL clock; windows end here. */
    double time();

    /**
     * The samples of {@code input} with stamps in {@code (time - window, time]}, window as declared at
     * configure time. Empty when the stream is missing.
     */
    StreamWindow window(InputRef input);

    /**
     * The tail of {@link #window} a streaming processor has not been given yet: the samples with stamps after
     * the newest one an earlier frame's window held (every sample of the window after a {@link #restarted
     * restart}). Across frames each sample of the stream is offered exactly once, in stamp order, including
     * samples of a stream that came late, as long as they are still inside the window when they arrive: a
     * streaming stage declares its window as the hop plus slack for late streams. Empty when the stream is
     * missing (its samples are offered at the next frame where it is not). The runtime keeps this position per
     * declared input, whether or not the stage asks for it; {@link Stage#reset} does not rewind it.
     */
    StreamWindow newSamples(InputRef input);

    /**
     * Whether {@code input}'s history started over since samples were last offered by {@link #newSamples}: its
     * stamps went back (a clock reset), so the runtime cleared the history and {@link #newSamples} starts again
     * from the oldest sample of the window. A stage resets the state its processors built from the old samples.
     * True on the first frame where the stream is not missing after the reset, false on every other.
     */
    boolean restarted(InputRef input);

    /** Whether the stream had not delivered up to {@link #time()} when the frame was emitted. */
    boolean missing(InputRef input);
}
