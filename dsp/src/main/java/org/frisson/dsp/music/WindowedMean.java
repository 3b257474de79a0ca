package org.frisson.dsp.music;

/**
 * The mean of the newest {@code window} vectors, every {@code hop} vectors once the window is full (seed
 * 002 averages a codec latent over 100 frames every 4). Each mean carries the mean time of its vectors.
 */
public final class WindowedMean {

    private final VectorRing ring;
    private final int hop;
    private final double[] mean;
    private double time = Double.NaN;
    private long added;

    public WindowedMean(int dimension, int window, int hop) {
        if (dimension < 1 || window < 1 || hop < 1) {
            throw new IllegalArgumentException("dimension, window and hop must be at least 1, got " + dimension + ", "
                    + window + ", " + hop);
        }
        this.ring = new VectorRing(window, dimension);
        this.hop = hop;
        this.mean = new double[dimension];
    }

    /** Adds one vector; returns whether a new mean is ready ({@link #mean()}, {@link #time()}). */
    public boolean add(double[] vector, double vectorTime) {
        ring.add(vector, vectorTime);
        added++;
        int window = ring.size();
        if (!ring.full() || (added - window) % hop != 0) {
            return false;
        }
        java.util.Arrays.fill(mean, 0);
        double t = 0;
        for (int k = 0; k < window; k++) {
            double[] v = ring.get(k);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += v[i];
            }
            t += ring.time(k);
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= window;
        }
        time = t / window;
        return true;
    }

    /** The newest mean; read-only, valid until the next {@link #add}. */
    public double[] mean() {
        return mean;
    }

    /** Mean time of the vectors in the newest mean. */
    public double time() {
        return time;
    }

    public void reset() {
        ring.clear();
        added = 0;
        time = Double.NaN;
    }
}
