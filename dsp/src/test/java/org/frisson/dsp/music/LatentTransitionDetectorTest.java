package org.frisson.dsp.music;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the detector promises, on latents whose sections are known. */
class LatentTransitionDetectorTest {

    static final double RATE = 2.0;
    static final double SPAN = 3.0;
    static final int DIM = 40;

    /**
     * A latent that jumps between two section centres at {@code boundaries} (the audio at the middle of a
     * frame's span decides its section), plus noise.
     */
    static double[][] sections(double seconds, double[] boundaries, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[DIM];
        double[] b = new double[DIM];
        for (int i = 0; i < DIM; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
        }
        int n = (int) (seconds * RATE);
        double[][] x = new double[n][DIM];
        for (int k = 0; k < n; k++) {
            double centre = k / RATE - SPAN / 2;
            int section = 0;
            for (double t : boundaries) {
                section += centre >= t ? 1 : 0;
            }
            double[] c = section % 2 == 0 ? a : b;
            for (int i = 0; i < DIM; i++) {
                x[k][i] = c[i] + 0.1 * r.nextGaussian();
            }
        }
        return x;
    }

    record Found(double time, double strength, double delay, double confirmedAt) {
    }

    static List<Found> run(LatentTransitionDetector d, double[][] x) {
        List<Found> found = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            double stamp = k / RATE;
            if (d.push(x[k], stamp) && d.confirmed()) {
                found.add(new Found(d.transitionTime(), d.transitionStrength(), d.transitionDelay(), stamp));
            }
        }
        return found;
    }

    @Test
    void sectionChangesAreFoundAtTheirTimeAndConfirmedAfterTheStatedDelay() {
        double[] boundaries = {30, 50, 65, 90};
        TransitionSettings s = TransitionSettings.defaults();
        LatentTransitionDetector d = new LatentTransitionDetector(DIM, RATE, SPAN, s);
        List<Found> found = run(d, sections(120, boundaries, 1));
        assertEquals(boundaries.length, found.size(), found.toString());
        for (int i = 0; i < boundaries.length; i++) {
            Found f = found.get(i);
            assertEquals(boundaries[i], f.time(), 1.0 / RATE, "transition " + i);
            assertTrue(f.strength() >= s.threshold(), "strength " + f.strength());
            assertEquals(f.confirmedAt() - f.time(), f.delay(), 1e-9);
            // centre of the variance window + half the mean window + half the span + the lookahead
            double expected = (d.varianceFrames() - 1) / 2.0 / RATE + (d.meanWindowFrames() - 1) / 2.0 / RATE + SPAN / 2
                    + d.lookaheadFrames() / RATE;
            assertEquals(expected, f.delay(), 1e-9, "delay of transition " + i);
        }
    }

    @Test
    void nothingIsFoundWithinOneSection() {
        for (long seed = 10; seed < 20; seed++) {
            assertEquals(List.of(), run(new LatentTransitionDetector(DIM, RATE, SPAN, s()), sections(300, new double[0], seed)));
        }
    }

    @Test
    void nothingIsFoundDuringTheWarmUp() {
        // a change 20 s in peaks before 30 s of latent have come
        double[][] x = sections(60, new double[]{20}, 2);
        assertEquals(List.of(), run(new LatentTransitionDetector(DIM, RATE, SPAN, warmUp(30)), x));
        assertEquals(1, run(new LatentTransitionDetector(DIM, RATE, SPAN, warmUp(0)), x).size());
    }

    @Test
    void theRefractoryPeriodKeepsOnlyTheFirstOfTwoCloseChanges() {
        double[] close = {40, 42.5};
        TransitionSettings wide = new TransitionSettings(s().meanWindow(), s().meanHop(), s().pcaMemory(), 2.0, s().warmup(),
                s().threshold(), 1.0, 10.0);
        List<Found> found = run(new LatentTransitionDetector(DIM, RATE, SPAN, wide), sections(80, close, 3));
        assertEquals(1, found.size(), found.toString());
        TransitionSettings none = new TransitionSettings(s().meanWindow(), s().meanHop(), s().pcaMemory(), 2.0, s().warmup(),
                s().threshold(), 1.0, 0.0);
        assertEquals(2, run(new LatentTransitionDetector(DIM, RATE, SPAN, none), sections(80, close, 3)).size());
    }

    @Test
    void resetForgetsEverythingAndPc1KeepsItsSign() {
        double[][] x = sections(120, new double[]{30, 50, 65, 90}, 4);
        LatentTransitionDetector d = new LatentTransitionDetector(DIM, RATE, SPAN, s());
        List<Found> first = run(d, x);
        d.reset();
        assertTrue(Double.isNaN(d.pc1()) && Double.isNaN(d.pc1Variance()) && !d.confirmed());
        assertEquals(first, run(d, x));
        // within a section the projection stays on one side: axes never flip between frames
        d.reset();
        double previous = Double.NaN;
        int flips = 0;
        for (int k = 0; k < x.length; k++) {
            if (d.push(x[k], k / RATE) && k / RATE > 35 && k / RATE < 48) {
                flips += previous == previous && Math.signum(previous) != Math.signum(d.pc1()) ? 1 : 0;
                previous = d.pc1();
            }
        }
        assertEquals(0, flips);
    }

    @Test
    void framesWithMissingValuesArePassedOver() {
        double[][] x = sections(120, new double[]{30, 50, 65, 90}, 5);
        LatentTransitionDetector clean = new LatentTransitionDetector(DIM, RATE, SPAN, s());
        List<Found> expected = run(clean, x);
        LatentTransitionDetector d = new LatentTransitionDetector(DIM, RATE, SPAN, s());
        double[] bad = x[0].clone();
        bad[3] = Double.NaN;
        assertFalse(d.push(bad, -1));
        assertFalse(d.confirmed());
        assertEquals(expected, run(d, x));
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TransitionSettings(1, 0.05, 90, -4, 20, 0.1, 1.5, 4))
                .getMessage().contains("variance_window"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TransitionSettings(1, 0.05, 90, 4, 20, 0.1, 1.5, -1))
                .getMessage().contains("refractory"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LatentTransitionDetector(1, RATE, SPAN, s()))
                .getMessage().contains("at least 2 values"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LatentTransitionDetector(DIM, 0, SPAN, s()))
                .getMessage().contains("frame rate"));
    }

    @Test
    void seedWindowsScaleToTheLatentsRate() {
        // seed 002: 100 frames, hop 4 at 86.1 Hz; 1.16 s and 46 ms at any rate
        LatentTransitionDetector codec = new LatentTransitionDetector(DIM, 86.1, 0, s());
        assertEquals(100, codec.meanWindowFrames());
        assertEquals(4, codec.meanHopFrames());
        assertEquals(86, codec.varianceFrames()); // 4 s at 21.5 means/s
        LatentTransitionDetector musicnn = new LatentTransitionDetector(DIM, RATE, SPAN, s());
        assertEquals(2, musicnn.meanWindowFrames());
        assertEquals(1, musicnn.meanHopFrames());
        assertEquals(8, musicnn.varianceFrames());
        assertEquals(3, musicnn.lookaheadFrames());
    }

    @Test
    void subspaceIterationFindsTheLeadingAxesOfAKnownCovariance() {
        // vectors spread 3 along e0, 2 along e1, 0.1 elsewhere: PC1 = ±e0, PC2 = ±e1, eigenvalues 9 and 4
        SplittableRandom r = new SplittableRandom(6);
        IncrementalPca pca = new IncrementalPca(12, 1e-9);
        double[] x = new double[12];
        for (int n = 0; n < 20000; n++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (i == 0 ? 3 : i == 1 ? 2 : 0.1) * r.nextGaussian();
            }
            pca.update(x);
        }
        assertEquals(1, Math.abs(pca.axis(0)[0]), 1e-3);
        assertEquals(1, Math.abs(pca.axis(1)[1]), 1e-3);
        assertEquals(9, pca.eigenvalue(0), 0.3);
        assertEquals(4, pca.eigenvalue(1), 0.15);
    }

    private static TransitionSettings warmUp(double seconds) {
        return new TransitionSettings(s().meanWindow(), s().meanHop(), s().pcaMemory(), s().varianceWindow(), seconds,
                s().threshold(), s().confirm(), s().refractory());
    }

    private static TransitionSettings s() {
        return TransitionSettings.defaults();
    }
}
