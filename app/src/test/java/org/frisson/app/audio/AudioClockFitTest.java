package org.frisson.app.audio;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audio clock fit on simulated devices whose true clock is known: drift, jitter, late callbacks, steps. */
class AudioClockFitTest {

    static final int RATE = 48000;
    static final int BLOCK = 256;

    /**
     * A device whose crystal runs {@code driftPpm} fast, delivering BLOCK frames per callback; the callback
     * for frames [n, n+BLOCK) comes at the true time of frame n+BLOCK plus a delay: 0.3 ms base, Gaussian
     * jitter of {@code jitter} s, and 1 % late by up to 5 ms.
     */
    static final class Device {
        final double driftPpm;
        final double jitter;
        final Random random;
        final double t0 = 1000.0;

        Device(double driftPpm, double jitter, long seed) {
            this.driftPpm = driftPpm;
            this.jitter = jitter;
            this.random = new Random(seed);
        }

        double trueTime(long frame) {
            return t0 + frame / (RATE * (1 + driftPpm * 1e-6));
        }

        double callbackTime(long endFrame) {
            double delay = 0.0003 + Math.abs(random.nextGaussian()) * jitter;
            if (random.nextDouble() < 0.01) {
                delay += random.nextDouble() * 0.005;
            }
            return trueTime(endFrame) + delay;
        }
    }

    @Test
    void measuresDriftAndStampsFramesOnTheTrueClock() {
        Device dev = new Device(37.0, 0.0002, 1);
        AudioClockFit fit = new AudioClockFit(RATE, 30, 0.002);
        long frames = 0;
        double worstLateStampError = 0;
        double offset = Double.NaN;
        for (int k = 0; k < 60 * RATE / BLOCK; k++) {
            fit.observe(frames + BLOCK, dev.callbackTime(frames + BLOCK));
            if (k > 10 * RATE / BLOCK) {
                // stamps lag the true capture time by the mean delivery delay: constant, not drifting
                double err = fit.timeOf(frames) - dev.trueTime(frames);
                if (Double.isNaN(offset)) {
                    offset = err;
                }
                worstLateStampError = Math.max(worstLateStampError, Math.abs(err - offset));
            }
            frames += BLOCK;
        }
        assertEquals(37.0, fit.driftPpm(), 1.0, "drift (ppm)");
        assertEquals(RATE * (1 + 37e-6), fit.effectiveRate(), 0.05, "effective rate");
        assertTrue(offset > 0 && offset < 0.002, "stamps lag the truth by about the mean delay, got " + offset * 1e3 + " ms");
        assertTrue(worstLateStampError < 0.0002, "stamp error moves by " + worstLateStampError * 1e3 + " ms");
        assertTrue(fit.jitterRms() > 0.0001 && fit.jitterRms() < 0.002, "jitter " + fit.jitterRms());
        assertEquals(0, fit.steps());
    }

    @Test
    void anIrregularStartFadesQuickly() {
        Device dev = new Device(25, 0.00003, 6);
        Random startup = new Random(7);
        AudioClockFit fit = new AudioClockFit(RATE, 30, 0.002);
        long frames = 0;
        for (int k = 0; k < 10 * RATE / BLOCK; k++) {
            double t = dev.callbackTime(frames + BLOCK);
            if (frames < RATE) {
                t += startup.nextDouble() * 0.004 * (1 - frames / (double) RATE); // a device settling: up to 4 ms late
            }
            fit.observe(frames + BLOCK, t);
            frames += BLOCK;
        }
        // with a fixed 30 s memory the first second would still tilt the line by tens of ppm here
        assertEquals(25, fit.driftPpm(), 3.0, "drift 9 s after a settling start");
    }

    @Test
    void lateCallbacksBeyondTheLimitAreLeftOut() {
        Device dev = new Device(0, 0.00005, 2);
        AudioClockFit fit = new AudioClockFit(RATE, 30, 0.002);
        long frames = 0;
        for (int k = 0; k < 20 * RATE / BLOCK; k++) {
            double t = dev.callbackTime(frames + BLOCK);
            if (k % 500 == 250) {
                t += 0.040; // the scheduler held the callback back 40 ms
            }
            fit.observe(frames + BLOCK, t);
            frames += BLOCK;
        }
        assertTrue(fit.outliers() >= 7, "the seven 40 ms delays are outliers, got " + fit.outliers());
        assertEquals(0, fit.steps());
        assertEquals(0, fit.driftPpm(), 1.0);
    }

    @Test
    void aStepOfTheAudioClockRestartsTheFitAndKeepsStampsOnTheTruth() {
        Device dev = new Device(-80, 0.0001, 3);
        AudioClockFit fit = new AudioClockFit(RATE, 20, 0.002);
        long counted = 0;
        long deviceFrame = 0;
        for (int k = 0; k < 60 * RATE / BLOCK; k++) {
            if (k == 30 * RATE / BLOCK) {
                deviceFrame += 480; // 10 ms of frames lost without the device saying so
            }
            fit.observe(counted + BLOCK, dev.callbackTime(deviceFrame + BLOCK));
            counted += BLOCK;
            deviceFrame += BLOCK;
        }
        assertEquals(1, fit.steps(), "one step");
        assertEquals(0.010, fit.lastStepSeconds(), 0.002, "step size");
        assertEquals(-80, fit.driftPpm(), 3.0, "drift after the step");
        double err = fit.timeOf(counted) - dev.trueTime(deviceFrame);
        assertTrue(err > 0 && err < 0.002, "stamps after the step are on the true clock, off by " + err * 1e3 + " ms");
    }

    @Test
    void staysPreciseOverADayOfAudio() {
        Device dev = new Device(-120, 0.0001, 4);
        AudioClockFit fit = new AudioClockFit(RATE, 30, 0.002);
        int block = 4096;
        long frames = 0;
        long end = 24L * 3600 * RATE;
        while (frames < end) {
            fit.observe(frames + block, dev.callbackTime(frames + block));
            frames += block;
        }
        assertEquals(-120, fit.driftPpm(), 2.0);
        double err = fit.timeOf(frames) - dev.trueTime(frames);
        assertTrue(err > 0 && err < 0.001, "after 24 h the newest stamp is off by " + err * 1e3 + " ms");
    }

    @Test
    void observingAndStampingAllocateNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Device dev = new Device(10, 0.0001, 5);
        AudioClockFit fit = new AudioClockFit(RATE, 30, 0.002);
        double[] times = new double[20000];
        for (int k = 0; k < times.length; k++) {
            times[k] = dev.callbackTime((k + 1L) * BLOCK);
        }
        double sink = 0;
        for (int k = 0; k < 10000; k++) {
            fit.observe((k + 1L) * BLOCK, times[k]);
            sink += fit.timeOf((long) k * BLOCK);
        }
        // a steady state that allocates nothing: a round of 10000 with zero bytes (a first round can carry
        // one-off allocations of the JIT's deoptimisation; an allocation per call would show in every round)
        long[] rounds = new long[5];
        long allocated = -1;
        for (int round = 0; round < rounds.length && allocated != 0; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int k = 10000; k < times.length; k++) {
                fit.observe((k + 1L) * BLOCK + round * 10_000_000L, times[k] + round * 100.0);
                sink += fit.timeOf((long) k * BLOCK) + fit.period();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            rounds[round] = allocated;
        }
        assertTrue(sink > 0);
        assertEquals(0, allocated, "bytes allocated by rounds of 10000 observations: " + java.util.Arrays.toString(rounds));
    }
}
