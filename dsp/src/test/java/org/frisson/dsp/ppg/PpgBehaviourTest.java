package org.frisson.dsp.ppg;

import org.frisson.dsp.QualityFlags;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PpgBehaviourTest {

    /** A pulse wave train: a Gaussian systolic bump and a smaller diastolic one per beat, plus noise. */
    static double[] pulses(double fs, double[] beatTimes, double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = (int) (fs * seconds);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double t = i / fs, v = 0.02 * r.nextGaussian();
            for (double b : beatTimes) {
                double d = t - b;
                if (d > -0.5 && d < 1.0) {
                    v += Math.exp(-0.5 * Math.pow(d / 0.08, 2)) + 0.4 * Math.exp(-0.5 * Math.pow((d - 0.3) / 0.1, 2));
                }
            }
            x[i] = v;
        }
        return x;
    }

    static double[] regularBeats(double start, double end, double ibi) {
        int n = (int) ((end - start) / ibi) + 1;
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = start + i * ibi;
        }
        return b;
    }

    @Test
    void detectsEveryBeatOfACleanPulseTrain() {
        for (double fs : new double[]{64, 100, 250}) {
            double[] beats = regularBeats(1, 59, 0.8);
            double[] x = pulses(fs, beats, 60, 1);
            ElgendiPeakDetector d = ElgendiPeakDetector.live(fs);
            long[] peaks = new long[200];
            int found = d.process(x, 0, x.length, peaks, 0);
            found += d.flush(peaks, found);
            // every beat found, in order, within 50 ms (the causal band-pass shifts peaks a little)
            for (int i = 0; i < beats.length; i++) {
                assertEquals(beats[i], peaks[i] / fs, 0.05, "beat " + i + " at " + fs + " Hz");
            }
            // at most one more: the band-pass rings after the last pulse, and Elgendi's thresholds, relative to
            // the recent signal, may take that ringing for a wave
            assertTrue(found <= beats.length + 1, found + " peaks for " + beats.length + " beats at " + fs + " Hz");
        }
    }

    @Test
    void heartRateIsMissingNotZeroAfterFiveSecondsWithoutABeat() {
        double fs = 64;
        double[] beats = regularBeats(1, 20, 1.0);
        double[] x = pulses(fs, beats, 40, 2); // nothing but sensor noise after 20 s
        ElgendiPeakDetector d = ElgendiPeakDetector.live(fs);
        HeartRateTracker hr = new HeartRateTracker(fs);
        long[] peaks = new long[8];
        long lastBeat = -1;
        boolean missingSeen = false;
        for (int i = 0; i < x.length; i += 16) {
            int n = d.process(x, i, Math.min(16, x.length - i), peaks, 0);
            for (int k = 0; k < n; k++) {
                hr.addBeat(peaks[k]);
                lastBeat = peaks[k];
            }
            long now = i + 16;
            hr.update(now);
            double t = now / fs;
            assertTrue(hr.heartRate() != 0, "heart rate is never 0");
            if (t > 12 && t < 20) {
                assertEquals(60, hr.heartRate(), 1.0, "at " + t + " s");
                assertEquals(0, hr.heartRateFlags());
            }
            if (lastBeat >= 0 && (now - lastBeat) / fs > HeartRateTracker.MAX_GAP_S) {
                assertTrue(Double.isNaN(hr.heartRate()), "at " + t + " s: " + hr.heartRate());
                assertEquals(QualityFlags.NO_RECENT_BEAT, hr.heartRateFlags());
                missingSeen = true;
            } else if (lastBeat >= 0 && t > 3) {
                assertFalse(Double.isNaN(hr.heartRate()), "at " + t + " s");
            }
        }
        assertTrue(missingSeen);
        assertTrue(lastBeat / fs < 22, "noise alone gives no beats; last beat at " + lastBeat / fs + " s");
    }

    @Test
    void implausibleIntervalsAreFlaggedAndLeftOut() {
        double fs = 100;
        HeartRateTracker hr = new HeartRateTracker(fs);
        long t = 0;
        for (int i = 0; i < 12; i++) {
            hr.addBeat(t += 100); // 60 bpm
        }
        hr.addBeat(t += 200);     // a missed beat: 2 s
        assertFalse(hr.lastIntervalAccepted());
        hr.addBeat(t += 40);      // an extra beat: 0.4 s
        assertFalse(hr.lastIntervalAccepted());
        hr.addBeat(t += 60);      // 0.6 s: the rest of the split interval
        assertFalse(hr.lastIntervalAccepted());
        for (int i = 0; i < 6; i++) {
            hr.addBeat(t += 100);
            assertTrue(hr.lastIntervalAccepted());
        }
        assertEquals(3, hr.rejectedIntervals());
        hr.update(t);
        assertEquals(60.0, hr.heartRate(), 1e-9);
        assertEquals(0.0, hr.rmssd(), 1e-9);
        assertEquals(0.0, hr.sdnn(), 1e-9);
    }

    @Test
    void aLastingChangeOfRateBecomesTheReference() {
        HeartRateTracker hr = new HeartRateTracker(1000);
        long t = 0;
        for (int i = 0; i < 10; i++) {
            hr.addBeat(t += 1000); // 60 bpm
        }
        int rejected = 0;
        for (int i = 0; i < 25; i++) {
            hr.addBeat(t += 500);  // 120 bpm from now on
            rejected += hr.lastIntervalAccepted() ? 0 : 1;
        }
        assertTrue(rejected <= 3, "rejected " + rejected);
        hr.update(t);
        assertEquals(120.0, hr.heartRate(), 1e-9);
    }

    @Test
    void heartRateWeightsIntervalsByTheirShareOfTheWindow() {
        HeartRateTracker hr = new HeartRateTracker(1.0, 10, 60, 5);
        // IBIs: [0,1] 1 s, [1,3] 2 s (plausibility: 2 s is the longest accepted), [3,4] 1 s, [4,5] 1 s
        long[] beats = {0, 1, 2, 3, 4};
        for (long b : beats) {
            hr.addBeat(b);
        }
        hr.update(5);
        assertEquals(60.0, hr.heartRate(), 1e-12);
        // window [-5, 5] holds all four 1 s IBIs entirely: 4 beats in 4 s
        HeartRateTracker h2 = new HeartRateTracker(10.0, 1.5, 60, 5);
        for (long b : new long[]{0, 8, 18, 26}) { // IBIs 0.8, 1.0, 0.8 s
            h2.addBeat(b);
        }
        h2.update(26);
        // window [1.1, 2.6]: 0.8 s IBI [1.8, 2.6] entirely (w = 1), 1.0 s IBI [0.8, 1.8] for 0.7 s (w = 0.7)
        double expected = 60 * (1 + 0.7) / (0.8 + 0.7);
        assertEquals(expected, h2.heartRate(), 1e-9);
    }

    @Test
    void nanGapDoesNotBreakDetection() {
        double fs = 64;
        double[] beats = regularBeats(1, 39, 0.75);
        double[] x = pulses(fs, beats, 40, 3);
        for (int i = (int) (15 * fs); i < (int) (17 * fs); i++) {
            x[i] = Double.NaN;
        }
        ElgendiPeakDetector d = ElgendiPeakDetector.live(fs);
        long[] peaks = new long[200];
        int found = d.process(x, 0, x.length, peaks, 0);
        found += d.flush(peaks, found);
        int after = 0;
        for (int i = 0; i < found; i++) {
            if (peaks[i] > 19 * fs) {
                after++;
            }
        }
        assertTrue(after >= 25, "beats after the gap: " + after);
    }

    @Test
    void ratesTheFiltersCannotServeAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ElgendiPeakDetector.live(12));
        assertTrue(e.getMessage().contains("12.0 Hz"), e.getMessage());
        assertEquals(21, ElgendiPeakDetector.live(64).latencySamples());
    }
}
