package org.frisson.app.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Scalp EEG in microvolts: 1/f background (three AR(1) processes at different time scales per channel),
 * a posterior alpha rhythm that desynchronises as the music's arousal rises, and beta and gamma power
 * that grow with it (the band-power changes emotion decoding from EEG relies on, seed 001).
 */
public final class EegModel implements SignalModel {

    /** DEAP's 32-channel montage (seed 001 data set). */
    public static final List<String> DEAP_CHANNELS = List.of("Fp1", "AF3", "F3", "F7", "FC5", "FC1", "C3", "T7",
            "CP5", "CP1", "P3", "P7", "PO3", "O1", "Oz", "Pz", "Fp2", "AF4", "Fz", "F4", "F8", "FC6", "FC2", "Cz",
            "C4", "T8", "CP6", "CP2", "P4", "P8", "PO4", "O2");

    private final MusicScore score;
    private final int channels;
    private final SplittableRandom random;
    private final double[][] ar;       // [channel][3] background states
    private final double[] alphaFreq;
    private final double[] posterior;  // alpha weight by position
    private final double[] phase;

    public EegModel(MusicScore score, int channels, long seed) {
        this.score = score;
        this.channels = channels;
        this.random = new SplittableRandom(seed);
        this.ar = new double[channels][3];
        this.alphaFreq = new double[channels];
        this.posterior = new double[channels];
        this.phase = new double[channels * 3];
        for (int c = 0; c < channels; c++) {
            alphaFreq[c] = 9.5 + random.nextDouble();
            String label = c < DEAP_CHANNELS.size() ? DEAP_CHANNELS.get(c) : "";
            posterior[c] = label.startsWith("O") || label.startsWith("P") ? 1.0 : 0.4;
            for (int k = 0; k < 3; k++) {
                phase[c * 3 + k] = 2 * Math.PI * random.nextDouble();
            }
        }
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public void sample(double t, double[] out, int offset) {
        double arousal = smoothedArousal(t);
        for (int c = 0; c < channels; c++) {
            double[] s = ar[c];
            // 1/f-like background: slow, medium and fast AR(1) components
            s[0] = 0.995 * s[0] + 0.6 * random.nextGaussian();
            s[1] = 0.95 * s[1] + 1.2 * random.nextGaussian();
            s[2] = 0.5 * s[2] + 1.5 * random.nextGaussian();
            double background = s[0] + s[1] + s[2];
            double alpha = 12 * posterior[c] * (1 - 0.6 * arousal)
                    * Math.sin(2 * Math.PI * alphaFreq[c] * t + phase[c * 3]);
            double beta = 3 * (0.4 + arousal) * Math.sin(2 * Math.PI * 21 * t + phase[c * 3 + 1]);
            double gamma = 1.5 * arousal * Math.sin(2 * Math.PI * 40 * t + phase[c * 3 + 2]);
            out[offset + c] = background + alpha + beta + gamma + 0.5 * random.nextGaussian();
        }
    }

    /** Arousal eased over about a second, as cortical rhythms do not switch instantly. */
    private double smoothedArousal(double t) {
        Section s = score.at(t);
        double since = ((t % score.length()) + score.length()) % score.length() - s.start();
        if (since >= 1.0) {
            return s.arousal();
        }
        Section before = score.at(t - since - 1e-6);
        return before.arousal() + (s.arousal() - before.arousal()) * since;
    }
}
