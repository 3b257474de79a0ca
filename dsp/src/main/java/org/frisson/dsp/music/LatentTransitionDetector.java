package org.frisson.dsp.music;

/**
 * Transitions in music from an embedding's trajectory (seed 002): the latent is averaged over a sliding
 * window, projected on its first two principal components, and a transition is a peak in the variance of
 * PC1 over a sliding window, where the window straddles two sections that PCA tells apart.
 *
 * <p>Fed one latent frame at a time (at {@code frameRate}, each summarising {@code inputSpan} seconds of
 * audio that end at its stamp). Every mean frame updates {@link #pc1()}, {@link #pc2()} and
 * {@link #pc1Variance()}: PC1's variance over the newest {@code varianceWindow} of means, all projected on
 * the current axis (the axes move as the PCA learns; the window is always measured with one ruler). The
 * PCA is updated incrementally with forgetting ({@link IncrementalPca}): live there is no whole song to
 * fit on.
 *
 * <p>A transition's time is the centre of the audio under the variance window at the peak (mean time of
 * every latent frame in it, each at the middle of the audio it summarises): where the change is, when the
 * window straddles it evenly. It is confirmed {@code confirm} seconds of means later, so it is reported
 * after the fact: {@link #transitionDelay()} is how long after (about half the variance window, half the
 * mean window, half the input span, plus {@code confirm}). Its strength is the windowed variance over its
 * median across the remembered music (an adaptive threshold as onset detectors use on their novelty curve,
 * Bello et al. 2005): within a section the windowed variance stays near its median whatever the music's
 * scale, a window straddling two sections is many times larger.
 *
 * <p>No allocation per frame; memory is the PCA's covariance plus the windows.
 */
public final class LatentTransitionDetector {

    private final int dimension;
    private final double halfSpan;
    private final int meanWindowFrames;
    private final int meanHopFrames;
    private final int varianceFrames;
    private final int lookaheadFrames;
    private final long warmupMeans;
    private final WindowedMean mean;
    private final IncrementalPca pca;
    private final VectorRing recent;
    private final CausalPeakPicker peaks;
    private final RunningMedian baseline;
    private final double[] projections;

    private double pc1 = Double.NaN;
    private double pc2 = Double.NaN;
    private double variance = Double.NaN;
    private double strength = Double.NaN;
    private boolean confirmed;
    private double transitionTime = Double.NaN;
    private double transitionStrength = Double.NaN;
    private double transitionVariance = Double.NaN;
    private double transitionDelay = Double.NaN;

    /**
     * @param dimension values per latent frame (at least 2)
     * @param frameRate latent frames per second
     * @param inputSpan seconds of audio each latent frame summarises, ending at its stamp (0 if instantaneous)
     */
    public LatentTransitionDetector(int dimension, double frameRate, double inputSpan, TransitionSettings settings) {
        if (dimension < IncrementalPca.COMPONENTS) {
            throw new IllegalArgumentException("the latent needs at least " + IncrementalPca.COMPONENTS
                    + " values per frame, got " + dimension);
        }
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException("frame rate must be > 0, got " + frameRate);
        }
        if (!(inputSpan >= 0) || Double.isInfinite(inputSpan)) {
            throw new IllegalArgumentException("input span must be >= 0 s, got " + inputSpan);
        }
        this.dimension = dimension;
        this.halfSpan = inputSpan / 2;
        meanWindowFrames = Math.max(1, (int) Math.round(settings.meanWindow() * frameRate));
        meanHopFrames = Math.max(1, (int) Math.round(settings.meanHop() * frameRate));
        double meanRate = frameRate / meanHopFrames;
        varianceFrames = Math.max(2, (int) Math.round(settings.varianceWindow() * meanRate));
        lookaheadFrames = Math.max(1, (int) Math.round(settings.confirm() * meanRate));
        warmupMeans = Math.round(settings.warmup() * meanRate);
        mean = new WindowedMean(dimension, meanWindowFrames, meanHopFrames);
        pca = new IncrementalPca(dimension, 1 - Math.exp(-1 / (settings.pcaMemory() * meanRate)));
        recent = new VectorRing(varianceFrames, dimension);
        peaks = new CausalPeakPicker(lookaheadFrames, settings.threshold(), settings.refractory());
        baseline = new RunningMedian(Math.max(1, (int) Math.round(settings.pcaMemory() * meanRate)));
        projections = new double[varianceFrames];
    }

    /**
     * Adds one latent frame ({@code latent[0..dimension)}) whose newest audio is at {@code stamp}. Returns
     * whether a new mean frame was made, i.e. the outputs were updated; a frame with a non-finite value is
     * passed over (false).
     */
    public boolean push(double[] latent, double stamp) {
        confirmed = false;
        for (int i = 0; i < dimension; i++) {
            if (!Double.isFinite(latent[i])) {
                return false;
            }
        }
        if (!mean.add(latent, stamp - halfSpan)) {
            return false;
        }
        double[] m = mean.mean();
        pca.update(m);
        recent.add(m, mean.time());
        boolean axes = pca.updates() > IncrementalPca.COMPONENTS;
        pc1 = axes ? pca.project(0, m) : Double.NaN;
        pc2 = axes ? pca.project(1, m) : Double.NaN;
        double centre = Double.NaN;
        variance = Double.NaN;
        strength = Double.NaN;
        if (recent.full()) {
            double sum = 0;
            double times = 0;
            for (int k = 0; k < varianceFrames; k++) {
                projections[k] = pca.project(0, recent.get(k));
                sum += projections[k];
                times += recent.time(k);
            }
            double avg = sum / varianceFrames;
            double ss = 0;
            for (int k = 0; k < varianceFrames; k++) {
                double e = projections[k] - avg;
                ss += e * e;
            }
            variance = ss / varianceFrames;
            baseline.add(variance);
            double typical = baseline.median();
            strength = typical > 0 ? variance / typical : Double.NaN;
            centre = times / varianceFrames;
        }
        boolean warm = pca.updates() >= warmupMeans;
        if (peaks.add(variance, warm ? strength : Double.NaN, centre)) {
            confirmed = true;
            transitionTime = peaks.peakTime();
            transitionStrength = peaks.peakStrength();
            transitionVariance = peaks.peakValue();
            transitionDelay = stamp - transitionTime;
        }
        return true;
    }

    /** Newest mean frame on PC1 (NaN until three means define two axes). */
    public double pc1() {
        return pc1;
    }

    public double pc2() {
        return pc2;
    }

    /** PC1's variance over the newest variance window (NaN until the window is full). */
    public double pc1Variance() {
        return variance;
    }

    /** {@link #pc1Variance()} over its median across the remembered music. */
    public double strength() {
        return strength;
    }

    /** Whether the last {@link #push} confirmed a transition. */
    public boolean confirmed() {
        return confirmed;
    }

    /** The newest transition's estimated time (stamps' clock). */
    public double transitionTime() {
        return transitionTime;
    }

    public double transitionStrength() {
        return transitionStrength;
    }

    /** PC1's windowed variance at the newest transition's peak. */
    public double transitionVariance() {
        return transitionVariance;
    }

    /** Stamp of the frame that confirmed the newest transition minus its estimated time, seconds. */
    public double transitionDelay() {
        return transitionDelay;
    }

    public int meanWindowFrames() {
        return meanWindowFrames;
    }

    public int meanHopFrames() {
        return meanHopFrames;
    }

    /** Mean frames in the variance window. */
    public int varianceFrames() {
        return varianceFrames;
    }

    /** Mean frames a peak must stay the highest before it is confirmed. */
    public int lookaheadFrames() {
        return lookaheadFrames;
    }

    /** Subspace iterations the PCA took on the newest mean frame. */
    public int pcaIterations() {
        return pca.iterations();
    }

    public void reset() {
        mean.reset();
        pca.reset();
        recent.clear();
        peaks.reset();
        baseline.clear();
        pc1 = pc2 = variance = strength = Double.NaN;
        confirmed = false;
        transitionTime = transitionStrength = transitionVariance = transitionDelay = Double.NaN;
    }
}
