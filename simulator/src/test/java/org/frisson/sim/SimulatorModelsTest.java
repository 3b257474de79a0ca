package org.frisson.sim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator plants what it says it plants, and does so deterministically. */
class SimulatorModelsTest {

    private final MusicScore score = MusicScore.demoPiece();

    @Test
    void everyTransitionIsFollowedByAResponseOneToThreeSecondsLater() {
        ListenerPlan plan = ListenerPlan.plan(score, 7);
        for (double t : score.transitions()) {
            assertTrue(plan.responses().stream().anyMatch(r -> r.onset() >= t + 1.0 && r.onset() <= t + 3.0),
                    "no response after the transition at " + t);
        }
        assertTrue(!plan.chills().isEmpty(), "chills are planted in the intense sections");
        for (ListenerPlan.Chill c : plan.chills()) {
            assertTrue(score.at(c.start()).arousal() >= 0.85);
            assertTrue(c.pressed() > c.start() && c.released() > c.end());
        }
    }

    @Test
    void skinConductanceRisesAfterTransitions() {
        ListenerPlan plan = ListenerPlan.plan(score, 3);
        SkinConductanceModel gsr = new SkinConductanceModel(plan, score.length(), 3);
        double rate = 32;
        double[] x = new double[(int) (score.length() * rate)];
        double[] one = new double[1];
        for (int i = 0; i < x.length; i++) {
            gsr.sample(i / rate, one, 0);
            x[i] = one[0];
        }
        for (double t : score.transitions()) {
            double before = x[(int) (t * rate)];
            double peak = Double.NEGATIVE_INFINITY;
            for (int i = (int) ((t + 1) * rate); i < (int) ((t + 6) * rate); i++) {
                peak = Math.max(peak, x[i]);
            }
            assertTrue(peak - before > 0.1, "rise after " + t + " s was only " + (peak - before) + " uS");
        }
    }

    @Test
    void heartRateRisesWithArousal() {
        ListenerPlan plan = ListenerPlan.plan(score, 5);
        PulseModel ppg = new PulseModel(score, plan, 5);
        double[] one = new double[1];
        for (int i = 0; i < score.length() * 64; i++) {
            ppg.sample(i / 64.0, one, 0);
        }
        List<Double> beats = ppg.beats();
        double calm = rate(beats, 2, 14);     // intro, arousal 0.15
        double intense = rate(beats, 66, 78); // climax, arousal 1.0
        assertTrue(intense - calm > 12, "calm " + calm + " bpm, intense " + intense + " bpm");
    }

    private static double rate(List<Double> beats, double from, double to) {
        long n = beats.stream().filter(b -> b >= from && b < to).count();
        return 60.0 * (n - 1) / (to - from);
    }

    @Test
    void eegAlphaFallsAsArousalRises() {
        EegModel eeg = new EegModel(score, 32, 11);
        double rate = 128;
        double[] s = new double[32];
        int oz = EegModel.DEAP_CHANNELS.indexOf("Oz");
        double calm = alphaPower(eeg, s, oz, 4, rate);
        double intense = alphaPower(eeg, s, oz, 68, rate);
        assertTrue(calm > 1.5 * intense, "alpha power calm " + calm + " vs intense " + intense);
    }

    /** Summed periodogram power over 9-11 Hz of 8 s from {@code start}. */
    private static double alphaPower(EegModel eeg, double[] s, int ch, double start, double rate) {
        int n = (int) (8 * rate);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            eeg.sample(start + i / rate, s, 0);
            x[i] = s[ch];
        }
        double power = 0;
        for (double f = 9.0; f <= 11.0; f += 1.0 / 8) { // the 8-s window's frequency resolution
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i++) {
                re += x[i] * Math.cos(2 * Math.PI * f * i / rate);
                im += x[i] * Math.sin(2 * Math.PI * f * i / rate);
            }
            power += (re * re + im * im) / n;
        }
        return power;
    }

    @Test
    void sameSeedSameSignals() {
        double[] a = new double[32];
        double[] b = new double[32];
        EegModel e1 = new EegModel(score, 32, 42);
        EegModel e2 = new EegModel(score, 32, 42);
        for (int i = 0; i < 500; i++) {
            e1.sample(i / 128.0, a, 0);
            e2.sample(i / 128.0, b, 0);
            assertArrayEquals(a, b);
        }
        assertArrayEquals(MusicSynth.render(score, 8000, 1), MusicSynth.render(score, 8000, 1));
        assertEquals(ListenerPlan.plan(score, 9), ListenerPlan.plan(score, 9));
    }

    @Test
    void musicChangesCharacterAtEverySectionBoundary() {
        int rate = 8000;
        float[] pcm = MusicSynth.render(score, rate, 1);
        for (double t : score.transitions()) {
            double before = rms(pcm, (int) ((t - 4) * rate), (int) (t * rate));
            double after = rms(pcm, (int) (t * rate), (int) ((t + 4) * rate));
            assertTrue(Math.abs(Math.log(after / before)) > 0.15, "loudness barely changes at " + t + " s: "
                    + before + " -> " + after);
        }
    }

    private static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }
}
