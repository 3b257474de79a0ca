package org.frisson.sim;

import java.util.SplittableRandom;

/**
 * How strongly one listener's EEG carries the music (see {@link EegModel}).
 *
 * @param arousalGain      how much arousal suppresses alpha and raises beta and gamma (1: typical)
 * @param valenceAsymmetry relative change of frontal alpha per unit of valence above 0.5, left down and right up
 */
public record EegTraits(double arousalGain, double valenceAsymmetry) {

    /** The lab profile's listener. */
    public static final EegTraits TYPICAL = new EegTraits(1.0, 0.5);

    /**
     * A calibration listener: arousal gain 0.8-1.2 and asymmetry 0.6-1.0, the upper part of the synthetic
     * cohort's ranges (0.6-1.4, 0.3-0.9), so eight tracks are enough to learn this listener's mapping.
     */
    public static EegTraits drawn(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new EegTraits(0.8 + 0.4 * r.nextDouble(), 0.6 + 0.4 * r.nextDouble());
    }

    public EegModel model(MusicScore score, int channels, long seed) {
        return new EegModel(score, channels, seed, arousalGain, valenceAsymmetry);
    }
}
