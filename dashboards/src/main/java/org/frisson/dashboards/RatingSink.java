package org.frisson.dashboards;

/**
 * Where the ratings answered on the dashboard's form go: valence and arousal on the 1-9 self-assessment scales.
 * Called once per asked rating, on one of the dashboard's HTTP threads; what it throws fails that request and
 * leaves the rating pending.
 */
@FunctionalInterface
public interface RatingSink {

    void rated(String track, double valence, double arousal);
}
