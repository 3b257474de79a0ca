package org.frisson.stage;

import java.util.List;

/**
 * A stage whose newest result other stages read in the same frame (stages run in config order), found by
 * {@link StageContext#upstream}: an embedding of the music, a feature vector. A result may take longer than
 * a frame to come (a model on its own thread); readers watch {@link #count()} to see a new one.
 */
public interface VectorSource {

    /** What each value is, in order. */
    List<String> labels();

    /** Results so far; the values changed when this did. */
    long count();

    /** LSL time of the newest input sample the newest result depends on; NaN before the first. */
    double stamp();

    /** Value {@code i} of the newest result (NaN before the first); stable until the source's next frame. */
    double value(int i);

    /** Results per second that the source aims at (its hop), for readers that scale windows to it. */
    double rate();

    /**
     * Seconds of input each result summarises, ending at its {@link #stamp()} (a model's patch), for readers
     * that place a result in time at the middle of what it heard; 0 for an instantaneous one.
     */
    default double span() {
        return 0;
    }
}
