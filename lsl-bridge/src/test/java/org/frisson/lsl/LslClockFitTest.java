package org.frisson.lsl;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clock fit on synthetic foreign clocks of known drift and offset, observed with scheduling noise. */
class LslClockFitTest {

    /** Observation delay: 0.3 ms plus |N(0, 0.2 ms)|, and 1 % of observations up to 5 ms late. */
    static double delay(Random random) {
        double d = 0.0003 + Math.abs(random.nextGaussian()) * 0.0002;
        return random.nextDouble() < 0.01 ? d + random.nextDouble() * 0.005 : d;
    }

    /** A board clock's origin: unix seconds, where one ulp is 0.24 us. */
    static final double UNIX = 1.7e9 + 0.123;

    static final double MEAN_DELAY = 0.0003 + 0.0002 * Math.sqrt(2 / Math.PI);

    @Test
    void recoversDriftAndOffsetOfANoisySampleClock() {
        double rate = 48000;
        double driftPpm = 37;
        double lsl0 = 5000.25;
        long frames0 = 123_456;
        Random random = new Random(11);
        LslClockFit fit = new LslClockFit(rate, 30, 0.002, 0);
        double worst = 0;
        for (int k = 0; k <= 60 * 100; k++) { // 60 s, an observation every 10 ms of LSL time
            double t = k * 0.01;
            long frames = frames0 + Math.round(t * rate * (1 + driftPpm * 1e-6));
            fit.observe(frames, trueLsl(frames, frames0, rate, driftPpm, lsl0) + delay(random));
            if (t > 20) {
                worst = Math.max(worst, Math.abs(fit.timeOf(frames) - trueLsl(frames, frames0, rate, driftPpm, lsl0)
                        - MEAN_DELAY));
            }
        }
        assertTrue(fit.settled());
        assertEquals(driftPpm, fit.driftPpm(), 1.0, "drift (ppm)");
        assertEquals(rate * (1 + driftPpm * 1e-6), fit.effectiveRate(), 0.05, "effective rate (Hz)");
        assertTrue(worst < 0.0001, "the fitted times sit on the true clock plus the mean delay, off by up to "
                + worst * 1e3 + " ms");
        assertTrue(fit.jitterRms() > 0.0001 && fit.jitterRms() < 0.001, "jitter " + fit.jitterRms());
        assertEquals(0, fit.steps());
    }

    static double trueLsl(long frames, long frames0, double rate, double driftPpm, double lsl0) {
        return lsl0 + (frames - frames0) / (rate * (1 + driftPpm * 1e-6));
    }

    /**
     * A board clock in unix seconds whose drift changes from +80 to -40 ppm halfway: ten time constants later
     * the fit follows the new drift (a fit that ignored its weights would report their average, +20 ppm).
     */
    @Test
    void followsAChangeOfDriftAndForgetsTheOld() {
        Random random = new Random(3);
        LslClockFit fit = new LslClockFit(1, 30, 0.005, 2.0);
        double elapsed = 0; // board seconds, kept small: summed at unix magnitude it would round by ppm
        double board = 0;
        double lsl = 0;
        for (int k = 0; k < 60_000; k++) { // 600 s, a pull every 10 ms
            double drift = k < 30_000 ? 80e-6 : -40e-6;
            elapsed += 0.01 * (1 + drift);
            board = UNIX + elapsed;
            lsl = 100 + k * 0.01;
            fit.observe(board, lsl + delay(random));
            if (k == 100) {
                assertFalse(fit.settled(), "one second of board time is less than the minimum span");
            }
            if (k == 29_999) {
                assertEquals(80, fit.driftPpm(), 3, "drift before the change (ppm)");
            }
        }
        assertEquals(-40, fit.driftPpm(), 3, "drift after the change (ppm)");
        assertEquals(lsl + MEAN_DELAY, fit.timeOf(board), 0.0002, "LSL time of the newest board timestamp");
    }

    @Test
    void aStepMovesTheOffsetAndKeepsTheSlope() {
        Random random = new Random(5);
        LslClockFit fit = new LslClockFit(1, 30, 0.005, 2.0);
        double board = 0;
        double lsl = 0;
        double step = 0.25; // the wall clock is set back by 250 ms at 60 s
        for (int k = 0; k < 12_000; k++) {
            board = UNIX + k * 0.01 * (1 + 20e-6);
            lsl = 100 + k * 0.01;
            fit.observe(k < 6_000 ? board : board - step, lsl + delay(random));
        }
        assertEquals(1, fit.steps());
        assertEquals(step, fit.lastStepSeconds(), 0.001, "step (s)");
        assertTrue(fit.outliers() >= LslClockFit.STEP_RUN, "outliers " + fit.outliers());
        assertEquals(20, fit.driftPpm(), 3, "drift across the step (ppm)");
        assertEquals(lsl + MEAN_DELAY, fit.timeOf(board - step), 0.0002, "LSL time after the step");
    }
}
