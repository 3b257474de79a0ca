package org.frisson.sim;

/** A marker stream's events, decided up front: marker {@code k}'s time (session seconds) and text, in time order. */
public interface MarkerSchedule {

    /** When marker {@code k} happens, or {@link Double#POSITIVE_INFINITY} when there is no such marker. */
    double time(int k);

    String text(int k);
}
