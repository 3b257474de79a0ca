package org.frisson.app.analysis;

import org.frisson.dsp.eda.TrialNormalizer;
import org.frisson.dsp.epoch.Epochs;
import org.frisson.dsp.epoch.PermutationTest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A response epoched around events versus around as many random moments of the same music (seed 002's figure):
 * baseline (t < 0) subtracted, mean and standard error per time point, and a one-sided permutation test on the
 * mean after the onset. Each signal (one listener's skin conductance or heart rate) has its own events (the
 * music's transitions, the same for everyone; or that listener's own chill presses) and its random moments are
 * drawn from the music's span where its own signal covers the epoch. Signals come already in the unit the
 * figure shows ({@link #normalise} for skin conductance, as seed 002 does).
 */
public final class EventResponse {

    /** One skin conductance stream: stamps on the recording's common clock, values. */
    public record Signal(String name, double[] stamps, double[] values) {
    }

    /**
     * @param before       seconds before the onset (the baseline)
     * @param after        seconds after it
     * @param step         seconds between epoch points
     * @param maxGap       an epoch with a gap between samples longer than this is left out
     * @param permutations label shuffles of the permutation test
     * @param seed         for the random moments and the shuffles
     */
    public record Options(double before, double after, double step, double maxGap, int permutations, long seed) {
        /** Seed 002's figure spans about -2..+6 s; skin conductance responses start 1-3 s after their cause. */
        public static Options defaults() {
            return new Options(2, 6, 0.05, 0.5, 10_000, 1);
        }
    }

    /** The curves (mean and standard error per epoch point) and the test. */
    public record Result(double[] times, double[] eventMean, double[] eventSe, double[] randomMean,
                         double[] randomSe, int eventEpochs, int randomEpochs, double eventAmplitude,
                         double randomAmplitude, double p, int permutations, List<String> notes) {
    }

    private EventResponse() {
    }

    /** The same events for every signal (the music's transitions). */
    public static Result analyze(List<Signal> signals, double[] events, double musicStart, double musicEnd,
                                 Options o) {
        return analyze(signals, java.util.Collections.nCopies(signals.size(), events), musicStart, musicEnd, o);
    }

    /**
     * @param events     per signal, its onsets on the signals' clock
     * @param musicStart where random moments may start (the music's first stamp)
     * @param musicEnd   and end
     */
    public static Result analyze(List<Signal> signals, List<double[]> events, double musicStart, double musicEnd,
                                 Options o) {
        Epochs around = new Epochs(o.before(), o.after(), o.step());
        Epochs random = new Epochs(o.before(), o.after(), o.step());
        List<String> notes = new ArrayList<>();
        for (int s = 0; s < signals.size(); s++) {
            Signal sig = signals.get(s);
            double[] onsets = events.get(s);
            if (onsets.length == 0 || sig.stamps().length < 2) {
                continue;
            }
            int kept = 0;
            for (double t : onsets) {
                kept += around.add(sig.stamps(), sig.values(), t, o.maxGap()) ? 1 : 0;
            }
            if (kept < onsets.length) {
                notes.add(sig.name() + ": " + (onsets.length - kept) + " of " + onsets.length
                        + " events too close to the edge of the recording or a gap, left out");
            }
            double from = Math.max(musicStart, sig.stamps()[0]) + o.before();
            double to = Math.min(musicEnd, sig.stamps()[sig.stamps().length - 1]) - o.after();
            SplittableRandom r = new SplittableRandom(o.seed() * 1_000_003L + s);
            int drawn = 0;
            for (int attempt = 0; drawn < kept && attempt < 100 * kept && to > from; attempt++) {
                drawn += random.add(sig.stamps(), sig.values(), from + (to - from) * r.nextDouble(), o.maxGap()) ? 1 : 0;
            }
            if (drawn < kept) {
                notes.add(sig.name() + ": only " + drawn + " random epochs of " + kept + " fit in the music");
            }
        }
        if (around.count() == 0 || random.count() == 0) {
            throw new IllegalArgumentException("no epoch fits: " + around.count() + " around events, "
                    + random.count() + " random (" + String.join("; ", notes) + ")");
        }
        double[] a = around.postOnsetMeans();
        double[] b = random.postOnsetMeans();
        double p = PermutationTest.oneSided(a, b, o.permutations(), o.seed());
        return new Result(around.times(), around.mean(), around.standardError(), random.mean(), random.standardError(),
                around.count(), random.count(), mean(a), mean(b), p, o.permutations(), List.copyOf(notes));
    }

    /** Seed 002: "normalized by trial and linearly detrended" (here the trial is the whole recording). */
    public static double[] normalise(double[] x) {
        double[] z = new double[x.length];
        TrialNormalizer.normalizeTrial(x, 0, x.length, z, 0);
        return z;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
