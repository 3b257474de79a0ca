package org.frisson.sim;

import org.frisson.calibration.RatingMarker;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a listener rates tracks on the 1-9 self-assessment scales (seed 001, DEAP): the track's valence and
 * arousal seen as {@code 1 + 8 * value}, shifted by the listener's own bias and blurred by noise, clamped to
 * 1-9 and given to one decimal, 1-3 s after the track ends.
 *
 * @param valenceBias points this listener adds to every valence rating
 * @param arousalBias points this listener adds to every arousal rating
 * @param seed        the noise of their ratings
 */
public record SelfAssessment(double valenceBias, double arousalBias, long seed) {

    /** Spread of listeners' biases and of one rating's noise, in scale points (as the synthetic cohort's listeners). */
    static final double BIAS_SD = 0.5;
    static final double NOISE_SD = 0.8;
    /** Seconds after a track's end before its rating arrives: the time to move a cursor and confirm. */
    static final double DELAY_MIN = 1.0;
    static final double DELAY_MAX = 3.0;

    /** One track's rating, and when it was given (session seconds). */
    public record GivenRating(Section track, double at, RatingMarker rating) {
    }

    /** A listener drawn from the seed. */
    public static SelfAssessment drawn(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new SelfAssessment(BIAS_SD * r.nextGaussian(), BIAS_SD * r.nextGaussian(), r.nextLong());
    }

    /** A rating for every track of {@code score}, in order. */
    public List<GivenRating> rate(MusicScore score) {
        SplittableRandom r = new SplittableRandom(seed);
        List<GivenRating> out = new ArrayList<>();
        for (Section track : score.tracks()) {
            double valence = scale(track.valence(), valenceBias, r);
            double arousal = scale(track.arousal(), arousalBias, r);
            double at = track.end() + DELAY_MIN + (DELAY_MAX - DELAY_MIN) * r.nextDouble();
            out.add(new GivenRating(track, at, new RatingMarker(track.label(), valence, arousal)));
        }
        return out;
    }

    private static double scale(double value, double bias, SplittableRandom r) {
        double x = RatingMarker.MIN + (RatingMarker.MAX - RatingMarker.MIN) * value + bias + NOISE_SD * r.nextGaussian();
        return Math.round(10 * Math.max(RatingMarker.MIN, Math.min(RatingMarker.MAX, x))) / 10.0;
    }

    /** The rating device's markers: each rating's {@link RatingMarker#format()} text at its time. */
    public static TimedMarkers markers(List<GivenRating> ratings) {
        List<TimedMarkers.Marker> out = new ArrayList<>();
        for (GivenRating g : ratings) {
            out.add(new TimedMarkers.Marker(g.at(), g.rating().format()));
        }
        return new TimedMarkers(out);
    }
}
