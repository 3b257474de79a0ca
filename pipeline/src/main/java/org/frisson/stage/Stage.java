package org.frisson.stage;

import java.util.List;

/**
 * One processing step of the pipeline: aligned frames in, output values out.
 *
 * <p>Lifecycle: {@link #configure} once (declare inputs with their window lengths, read parameters,
 * declare outputs, publish a {@link LatestResult} if later stages read one, allocate every buffer), then
 * {@link #process} for each frame, on one thread; {@link #reset} forgets history; {@link #close} once at the
 * end (a stage that started a thread or opened a model releases it there). Processing must not allocate or
 * block: it runs on the pipeline's hot path; work too slow for that (a neural network) goes to a thread of
 * the stage's own when {@link StageContext#live()}, and runs inline otherwise, so offline runs are exact.
 *
 * <p>A stage that feeds streaming processors (filters, peak detectors) takes {@link Frame#newSamples} each
 * frame the stream is not missing, and resets the processors when {@link Frame#restarted} says the stream's
 * history started over; a stage that computes over recent samples reads {@link Frame#window}. A stage writes
 * what it has to say through {@link StageContext#log()}, never to the standard streams.
 *
 * <p>A stage is found by its {@link #kind()} (the {@code kind:} of a config entry) among the
 * implementations listed in {@code META-INF/services/org.frisson.stage.Stage}; each config entry gets a
 * fresh instance. Adding a stage is adding a class and a line there, then naming it in a config file.
 */
public interface Stage {

    /** The name config files use for this kind of stage, e.g. {@code differential_entropy}. */
    String kind();

    /** What this kind of stage computes, in one line (for {@code frisson stages} and the README). */
    String description();

    /**
     * Every key a config entry of this kind may set (besides {@code name} and {@code kind}), in the order docs
     * list them. The pipeline refuses other keys, and values that do not fit, before configuring any stage;
     * the stage reads them through {@link Params#get}.
     */
    List<Parameter<?>> parameters();

    /** Declares inputs, parameters and outputs; allocates. Errors name the stage and the key. */
    void configure(StageContext context);

    /** Processes one aligned frame, writing its output slots (values left unwritten stay NaN). */
    void process(Frame frame);

    /**
     * Forgets what the stage built from earlier frames (its processors' state, say). What
     * {@link Frame#newSamples} offers next is not rewound: the runtime keeps that position.
     */
    default void reset() {
    }

    /** Releases what {@link #configure} acquired; called once, after the last frame (or a failed start). */
    default void close() {
    }
}
