package org.frisson.sim;

import java.util.List;

/**
 * One simulated listener of a session.
 *
 * @param id      {@code lab}, {@code calibration}, or {@code P001}, ... in a concert
 * @param plan    what their body does: skin conductance responses and chills
 * @param pulse   their heart; keeps the beats so far
 * @param eeg     how strongly their EEG carries the music (lab and calibration)
 * @param ratings the ratings they give, one per track (calibration; empty otherwise)
 */
public record SimulatedListener(String id, ListenerPlan plan, PulseModel pulse, EegTraits eeg,
                                List<SelfAssessment.GivenRating> ratings) {

    public SimulatedListener {
        ratings = List.copyOf(ratings);
    }
}
