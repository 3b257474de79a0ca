package org.frisson.calibration;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing about held-out tracks reaches training: labels shuffled across tracks score at chance, and a response
 * that is pure noise is not predicted by any layer. Every track here has a strong signature of its own, so a split
 * that let a track's windows into training would score well above chance (checked).
 */
class NoLeakageTest {

    private static BlockedReadoutTest.Windows shuffledLabels(long seed) {
        // 24 tracks of 12 windows, 30 features: a track signature (sd 1) plus window noise (sd 0.5), no class effect
        BlockedReadoutTest.Windows w = BlockedReadoutTest.windows(17, 24, 12, 30, 0.0, 1.0, 0.5);
        boolean[] trackHigh = w.trackHigh().clone();
        Random random = new Random(seed);
        for (int i = trackHigh.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            boolean t = trackHigh[i];
            trackHigh[i] = trackHigh[j];
            trackHigh[j] = t;
        }
        boolean[] high = new boolean[w.high().length];
        for (int i = 0; i < high.length; i++) {
            high[i] = trackHigh[w.block()[i] - 100];
        }
        return new BlockedReadoutTest.Windows(w.x(), high, w.block(), trackHigh);
    }

    @Test
    void shuffledLabelsScoreAtChance() {
        double sum = 0;
        int containing = 0;
        int seeds = 6;
        for (int seed = 1; seed <= seeds; seed++) {
            BlockedReadoutTest.Windows w = shuffledLabels(seed);
            ReadoutScore score = BlockedReadout.crossValidate(w.x(), w.high(), w.block(), 5, seed);
            System.out.println("shuffled labels, seed " + seed + ": " + score.window() + " tracks " + score.track());
            sum += score.window().value();
            if (score.window().low() <= 0.5 && 0.5 <= score.window().high()) {
                containing++;
            }
        }
        assertEquals(0.5, sum / seeds, 0.1, "mean window accuracy over shuffles");
        assertTrue(containing >= seeds - 1, containing + " of " + seeds + " intervals contain 0.5");
    }

    @Test
    void theSameDataSplitByWindowInsteadOfTrackWouldLeak() {
        // the power check of the test above: every window its own block lets a track's windows into training
        BlockedReadoutTest.Windows w = shuffledLabels(1);
        int[] perWindow = new int[w.block().length];
        for (int i = 0; i < perWindow.length; i++) {
            perWindow[i] = i;
        }
        ReadoutScore leaky = BlockedReadout.crossValidate(w.x(), w.high(), perWindow, 5, 1);
        assertTrue(leaky.window().value() > 0.8, "a window-wise split memorizes tracks: " + leaky.window());
    }

    @Test
    void noiseResponsesAreNotPredicted() {
        int[] widths = {16, 16, 16, 16};
        SyntheticSession session = new SyntheticSession(23, 12, 75, 5, widths, 3.0, 1.0);
        Random random = new Random(29);
        double[] white = new double[session.block.length];
        for (int t = 0; t < white.length; t++) {
            white[t] = random.nextGaussian();
        }
        List<Response> responses = List.of(new Response("white", "a.u.", white),
                new Response("smooth", "a.u.", session.smoothNoise()));
        EncodingProfile profile = EncodingAnalysis.run(session.layers, responses, session.block,
                EncodingSettings.defaults(SyntheticSession.RATE));
        for (int i = 0; i < profile.layers().size(); i++) {
            System.out.printf("noise %-9s r=%s p=%s%n", profile.layers().get(i), Arrays.toString(profile.r()[i]),
                    Arrays.toString(profile.p()[i]));
        }
        double pSum = 0;
        for (int i = 0; i < profile.layers().size(); i++) {
            double r = profile.r()[i][profile.response("white")];
            assertEquals(0, r, 0.15, "white noise r at " + profile.layers().get(i));
            for (int j = 0; j < 2; j++) {
                assertTrue(profile.p()[i][j] >= 0.01, profile.responses().get(j) + " p at " + profile.layers().get(i)
                        + ": " + profile.p()[i][j]);
                pSum += profile.p()[i][j];
            }
        }
        assertTrue(pSum / (2 * profile.layers().size()) > 0.2, "mean p " + pSum / (2 * profile.layers().size()));
    }
}
