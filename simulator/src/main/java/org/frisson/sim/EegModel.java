package org.frisson.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Scalp EEG in microvolts: 1/f background (three AR(1) processes at different time scales per channel),
 * a posterior alpha rhythm that desynchronises as the music's arousal rises, and beta and gamma power
 * that grow with it (the band-power changes emotion decoding from EEG relies on, seed 001); with positive
 * valence, frontal alpha falls on the left and rises on the right (frontal alpha asymmetry). How strongly
 * a listener shows each is theirs: {@code arousalGain} and {@code valenceAsymmetry}.
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
    private final double[] asymmetrySide; // -1 left frontal, +1 right frontal, 0 elsewhere
    private final double arousalGain;
    private final double valenceAsymmetry;

    /** A typical listener: arousal gain 1, valence asymmetry 0.5. */
    public EegModel(MusicScore score, int channels, long seed) {
        this(score, channels, seed, 1.0, 0.5);
    }

    /**
     * @param arousalGain      scales how much arousal suppresses alpha and raises beta/gamma (1: typical)
     * @param valenceAsymmetry relative change of frontal alpha per unit of valence above 0.5, left down and right up
     */
    public EegModel(MusicScore score, int channels, long seed, double arousalGain, double valenceAsymmetry) {
        this.arousalGain = arousalGain;
        this.valenceAsymmetry = valenceAsymmetry;
        this.asymmetrySide = new double[channels];
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
            boolean frontal = label.startsWith("F") || label.startsWith("AF");
            char last = label.isEmpty() ? 'z' : label.charAt(label.length() - 1);
            if (frontal && Character.isDigit(last)) { // 10-20 naming: odd numbers left, even right
                asymmetrySide[c] = (last - '0') % 2 == 1 ? -1 : 1;
            }
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
        double arousal = Math.min(1.5, arousalGain * smoothedArousal(t));
        double valence = score.at(t).valence() - 0.5;
        for (int c = 0; c < channels; c++) {
            double[] s = ar[c];
            // 1/f-like background: slow, medium and fast AR(1) components
            s[0] = 0.995 * s[0] + 0.6 * random.nextGaussian();
            s[1] = 0.95 * s[1] + 1.2 * random.nextGaussian();
            s[2] = 0.5 * s[2] + 1.5 * random.nextGaussian();
            double background = s[0] + s[1] + s[2];
            double alpha = 12 * posterior[c] * Math.max(0.1, 1 - 0.6 * arousal)
                    * (1 + asymmetrySide[c] * valenceAsymmetry * valence)
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
