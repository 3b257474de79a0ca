package org.frisson.dsp.music;

/**
 * How {@link LatentTransitionDetector} works, in seconds (converted to frames of whatever rate the latent
 * comes at) and a strength threshold.
 *
 * @param meanWindow     the latent is averaged over this long
 * @param meanHop        one average every this long (at least one latent frame)
 * @param pcaMemory      time constant of the PCA's forgetting: older music fades with it
 * @param varianceWindow PC1's variance is taken over this long
 * @param warmup         no transition before this much music (the median needs a history)
 * @param threshold      a peak counts when the windowed variance reaches this many times its median over the
 *                       remembered music
 * @param confirm        a peak is confirmed once it has been the highest for this long after it
 * @param refractory     at least this long between transitions
 */
public record TransitionSettings(double meanWindow, double meanHop, double pcaMemory, double varianceWindow,
                                 double warmup, double threshold, double confirm, double refractory) {

    /** Seed 002: the DAC latent (86.1 frames/s) is averaged over 100 frames... */
    public static final double SEED_MEAN_WINDOW = 100 / 86.1;
    /** ...every 4 frames, a 21.5 Hz trajectory (seed 002). */
    public static final double SEED_MEAN_HOP = 4 / 86.1;
    /** Seed 002 fits PCA within each 90-second excerpt: the music is remembered about that long. */
    public static final double PCA_MEMORY = 90;
    /** Not in the seed: two bars at 120 bpm, long enough to straddle a boundary (chosen on the demo piece). */
    public static final double VARIANCE_WINDOW = 4;
    /** Not in the seed: transitions found in the demo piece reach 20-160 times the median, other windows 4 at most. */
    public static final double THRESHOLD = 8;
    /** Not in the seed: a peak must stay the highest for 1.5 s (three MusiCNN results at a 0.5 s hop). */
    public static final double CONFIRM = 1.5;
    /** Not in the seed: musical sections are longer than two bars at 120 bpm. */
    public static final double REFRACTORY = 4;
    /** Not in the seed: a median of the first few windows alone is too unsteady to compare with. */
    public static final double WARMUP = 10;

    public TransitionSettings {
        positive("mean_window", meanWindow);
        positive("mean_hop", meanHop);
        positive("pca_memory", pcaMemory);
        positive("variance_window", varianceWindow);
        positive("confirm", confirm);
        if (!(warmup >= 0) || Double.isInfinite(warmup)) {
            throw new IllegalArgumentException("warmup must be >= 0 s, got " + warmup);
        }
        if (!(refractory >= 0) || Double.isInfinite(refractory)) {
            throw new IllegalArgumentException("refractory must be >= 0 s, got " + refractory);
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a number >= 0 (times the median), got " + threshold);
        }
    }

    /** The seed's windowed mean with the choices above. */
    public static TransitionSettings defaults() {
        return new TransitionSettings(SEED_MEAN_WINDOW, SEED_MEAN_HOP, PCA_MEMORY, VARIANCE_WINDOW, WARMUP, THRESHOLD,
                CONFIRM, REFRACTORY);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be > 0 s, got " + v);
        }
    }
}
