package org.frisson.stage;

/**
 * One processing step of the pipeline: aligned frames in, output values out.
 *
 * <p>Lifecycle: {@link #configure} once (declare inputs with their window lengths, read parameters,
 * declare outputs, allocate every buffer), then {@link #process} for each frame, on one thread;
 * {@link #reset} forgets history between sessions or after a clock reset; {@link #close} once at the end
 * (a stage that started a thread or opened a model releases it there). Processing must not allocate or
 * block: it runs on the pipeline's hot path; work too slow for that (a neural network) goes to a thread of
 * the stage's own when {@link StageContext#live()}, and runs inline otherwise, so offline runs are exact.
 *
 * <p>A stage is found by its {@link #kind()} (the {@code kind:} of a config entry) among the
 * implementations listed in {@code META-INF/services/org.frisson.stage.Stage}; each config entry gets a
 * fresh instance. Adding a stage is adding a class and a line there, then naming it in a config file.
 */
public interface Stage {

    /** The name config files use for this kind of stage, e.g. {@code differential_entropy}. */
    String kind();

    /** Declares inputs, parameters and outputs; allocates. Errors name the stage and the key. */
    void configure(StageContext context);

    /** Processes one aligned frame, writing its output slots (values left unwritten stay NaN). */
    void process(Frame frame);

    /** Forgets history. */
    default void reset() {
    }

    /** Releases what {@link #configure} acquired; called once, after the last frame (or a failed start). */
    default void close() {
    }
}
