package org.frisson.sim;

import java.util.SplittableRandom;

/**
 * A two-channel rating slider in [0, 1]: emotionality follows the music's arousal a few seconds late,
 * enjoyment follows valence and chills more smoothly (continuous ratings, seed 000).
 */
public final class SliderModel implements SignalModel {

    private final MusicScore score;
    private final ListenerPlan plan;
    private final SplittableRandom random;
    private final double rate;
    private double emotionality = 0.3;
    private double enjoyment = 0.5;

    public SliderModel(MusicScore score, ListenerPlan plan, double rate, long seed) {
        this.score = score;
        this.plan = plan;
        this.rate = rate;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int channels() {
        return 2;
    }

    @Override
    public void sample(double t, double[] out, int offset) {
        Section s = score.at(t - 2.0); // the hand lags the feeling
        double u = ((t % score.length()) + score.length()) % score.length();
        double wantEmo = s.arousal();
        double wantJoy = 0.3 + 0.5 * s.valence() + (plan.chilling(u) ? 0.2 : 0);
        emotionality += (wantEmo - emotionality) / (2.0 * rate) + 0.003 * random.nextGaussian();
        enjoyment += (wantJoy - enjoyment) / (4.0 * rate) + 0.002 * random.nextGaussian();
        out[offset] = Math.max(0, Math.min(1, emotionality));
        out[offset + 1] = Math.max(0, Math.min(1, enjoyment));
    }
}
