package org.frisson.stage;

/** One step of the pipeline's clock: every input's recent samples, aligned at {@link #time()}. */
public interface Frame {

    /** Frame number since the pipeline started. */
    long index();

    /** The frame time on the local LSL clock; windows end here. */
    double time();

    /**
     * The samples of {@code input} with stamps in {@code (time - window, time]}, window as declared at
     * configure time. Empty when the stream is missing. Valid only during {@link Stage#process}.
     */
    StreamWindow window(InputRef input);

    /** Whether the stream had not delivered up to {@link #time()} when the frame was emitted. */
    boolean missing(InputRef input);
}
