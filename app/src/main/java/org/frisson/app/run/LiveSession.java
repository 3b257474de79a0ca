package org.frisson.app.run;

import org.frisson.pipeline.Pipeline;
import org.frisson.dashboards.Dashboard;
import org.frisson.dashboards.RatingSink;

import java.util.function.Consumer;

/** What a command adds to a live pipeline run: taps on its data, work once it runs, and an end of its own. */
public interface LiveSession {

    LiveSession NONE = new LiveSession() {
    };

    /** Listeners on the pipeline's inputs and outputs. */
    default Pipeline.Taps taps() {
        return Pipeline.Taps.NONE;
    }

    /** Where the dashboard sends the ratings answered on its pages; null when the session asks for none. */
    default RatingSink ratings() {
        return null;
    }

    /** Once the pipeline is assembled and running, before {@link #started}: the pipeline itself (its health). */
    default void running(Pipeline pipeline) {
    }

    /** Once the pipeline runs; {@code dashboard} is null when there is none. */
    default void started(Dashboard dashboard, Consumer<String> log) {
    }

    /** Whether the session has ended (checked a few times a second). */
    default boolean done() {
        return false;
    }

    /** Once the run stops, before the pipeline closes. */
    default void stopped() {
    }
}
