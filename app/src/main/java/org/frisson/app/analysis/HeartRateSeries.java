package org.frisson.app.analysis;

import org.frisson.dsp.ppg.ElgendiPeakDetector;
import org.frisson.dsp.ppg.HeartRateTracker;

import java.util.ArrayList;
import java.util.List;

/**
 * Instantaneous heart rate from a recorded PPG stream, for event-locked averages: systolic peaks by the live
 * Elgendi detector (as the {@code heart_rate} stage finds them), each accepted inter-beat interval as 60/IBI bpm
 * at its closing beat (intervals the tracker rejects as implausible are left out), linearly interpolated onto a
 * {@value #RATE} Hz grid. Where accepted beats are more than {@link HeartRateTracker#MAX_GAP_S} s apart the grid
 * has no point, so an epoch over it is left out rather than bridged. (The stage's 10 s average would smear a response of a few
 * seconds; event-related heart rate is read beat to beat.)
 */
final class HeartRateSeries {

    /** Grid rate, Hz. */
    static final double RATE = 10;

    private HeartRateSeries() {
    }

    /** {stamps, bpm} on the grid; {@code stamps} are the PPG's (on the recording's clock), {@code rate} its nominal rate. */
    static double[][] of(double[] stamps, double[] ppg, double rate) {
        ElgendiPeakDetector detector = ElgendiPeakDetector.live(rate);
        HeartRateTracker tracker = new HeartRateTracker(rate);
        long[] peaks = new long[detector.maxPeaks(ppg.length) + 1];
        int found = detector.process(ppg, 0, ppg.length, peaks, 0);
        List<double[]> beats = new ArrayList<>(); // {time, bpm} of accepted intervals
        for (int i = 0; i < found; i++) {
            tracker.addBeat(peaks[i]);
            int k = (int) Math.min(peaks[i], stamps.length - 1);
            if (tracker.beats() > 1 && tracker.lastIntervalAccepted()) {
                beats.add(new double[]{stamps[k], 60 / tracker.lastInterval()});
            }
        }
        List<Double> t = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (int b = 1; b < beats.size(); b++) {
            double[] p = beats.get(b - 1);
            double[] q = beats.get(b);
            if (q[0] - p[0] > HeartRateTracker.MAX_GAP_S || q[0] <= p[0]) {
                continue;
            }
            double from = Math.ceil(p[0] * RATE) / RATE;
            for (double g = from; g < q[0]; g += 1 / RATE) {
                t.add(g);
                v.add(p[1] + (q[1] - p[1]) * (g - p[0]) / (q[0] - p[0]));
            }
        }
        double[][] out = new double[2][t.size()];
        for (int i = 0; i < t.size(); i++) {
            out[0][i] = t.get(i);
            out[1][i] = v.get(i);
        }
        return out;
    }
}
