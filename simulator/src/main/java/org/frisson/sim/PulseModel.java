package org.frisson.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Photoplethysmogram: one pulse per heartbeat (a systolic wave and a smaller dicrotic wave, both
 * Gaussian), heart rate from the listener's resting rate plus up to 20 bpm with the music's arousal and
 * a further rise during chills, with respiratory sinus arrhythmia (0.25 Hz) and beat-to-beat noise.
 * Beat times are kept as ground truth.
 */
public final class PulseModel implements SignalModel {

    private final MusicScore score;
    private final ListenerPlan plan;
    private final SplittableRandom random;
    private final List<Double> beats = new ArrayList<>();
    private double nextBeat;
    private double lastBeat = Double.NEGATIVE_INFINITY;

    public PulseModel(MusicScore score, ListenerPlan plan, long seed) {
        this.score = score;
        this.plan = plan;
        this.random = new SplittableRandom(seed);
        this.nextBeat = 0.2 + 0.5 * random.nextDouble();
    }

    @Override
    public int channels() {
        return 1;
    }

    /** Heart rate in bpm the model aims for at {@code t}. */
    public double heartRate(double t) {
        double u = ((t % score.length()) + score.length()) % score.length();
        double hr = plan.baseHeartRate() + 20 * score.at(t).arousal() + (plan.chilling(u) ? 6 : 0);
        return hr + 3 * Math.sin(2 * Math.PI * 0.25 * t);
    }

    @Override
    public void sample(double t, double[] out, int offset) {
        while (t >= nextBeat) {
            lastBeat = nextBeat;
            synchronized (beats) {
                beats.add(nextBeat);
            }
            double ibi = 60.0 / heartRate(nextBeat) * (1 + 0.03 * random.nextGaussian());
            nextBeat += Math.max(0.33, ibi);
        }
        double since = t - lastBeat;
        double systolic = Math.exp(-Math.pow((since - 0.12) / 0.05, 2));
        double dicrotic = 0.35 * Math.exp(-Math.pow((since - 0.35) / 0.07, 2));
        out[offset] = systolic + dicrotic + 0.01 * random.nextGaussian();
    }

    /** Beat times so far (piece seconds). */
    public List<Double> beats() {
        synchronized (beats) {
            return List.copyOf(beats);
        }
    }
}
