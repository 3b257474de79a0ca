package org.frisson.dsp.music;

/**
 * The first two principal components of a stream of vectors, updated with every vector: an exponentially
 * weighted mean and covariance (each new vector weighs {@code max(forgetting, 1/n)}, so the first
 * {@code 1/forgetting} vectors are an ordinary sample covariance and older music fades after that), and
 * its leading eigenvectors by block subspace iteration with a Rayleigh–Ritz step, warm-started from the
 * previous vector's axes.
 *
 * <p>Live there is no whole song to fit on, and an axis fitted on the opening seconds would not see
 * sections that come later; updating with forgetting follows the music while staying within about one
 * song. Axes keep their sign from one update to the next (over the first three vectors, which do not yet
 * define two axes, the largest component of each is positive), so projections do not flip.
 *
 * <p>Memory: the covariance ({@code dimension²} values); each update costs about
 * {@code dimension²/2} multiply-adds for the covariance plus {@code 8·dimension²} per iteration (4-7 iterations
 * on MusiCNN's 200-value layer and on a 32-value codec latent; see the reference test).
 */
public final class IncrementalPca {

    /** Components reported. */
    public static final int COMPONENTS = 2;
    /** Block size of the subspace iteration: six guard vectors speed up convergence (rate λ9/λ2 rather than λ3/λ2). */
    static final int BLOCK = 8;
    /** Converged when each reported axis's residual |Cu - λu| is at most this times λ1. */
    static final double TOLERANCE = 1e-10;
    /** Iterations per update at most (the first update, from random axes, may need many). */
    static final int MAX_ITERATIONS = 200;

    private final int d;
    private final int p;
    private final double forgetting;
    private final double[] mean;
    private final double[] cov; // row-major, upper triangle (j >= i) kept
    private final double[] delta;
    private final double[][] q;
    private final double[][] w;
    private final double[][] rotated;
    private final double[][] small;
    private final double[][] smallVectors;
    private final double[] values;
    private final double[][] previous;
    private long updates;
    private int iterations;
    private boolean axesSet;
    private long random = 0x9E3779B97F4A7C15L;

    /**
     * @param dimension  length of each vector (at least 2)
     * @param forgetting weight of the newest vector once more than {@code 1/forgetting} have come, in (0, 1]
     */
    public IncrementalPca(int dimension, double forgetting) {
        if (dimension < COMPONENTS) {
            throw new IllegalArgumentException("PCA needs vectors of at least " + COMPONENTS + " values, got " + dimension);
        }
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw new IllegalArgumentException("forgetting must be in (0, 1], got " + forgetting);
        }
        this.d = dimension;
        this.p = Math.min(BLOCK, dimension);
        this.forgetting = forgetting;
        this.mean = new double[d];
        this.cov = new double[d * d];
        this.delta = new double[d];
        this.q = new double[p][d];
        this.w = new double[p][d];
        this.rotated = new double[p][d];
        this.small = new double[p][p];
        this.smallVectors = new double[p][p];
        this.values = new double[p];
        this.previous = new double[COMPONENTS][d];
    }

    /** Adds a vector to the mean and covariance and updates the axes. */
    public void update(double[] x) {
        updates++;
        double a = Math.max(forgetting, 1.0 / updates);
        for (int i = 0; i < d; i++) {
            delta[i] = x[i] - mean[i];
            mean[i] += a * delta[i];
        }
        // exponentially weighted Welford step: C <- (1 - a) (C + a δδᵀ), δ taken before the mean moved
        double keep = 1 - a;
        for (int i = 0; i < d; i++) {
            double ai = a * delta[i];
            int row = i * d;
            for (int j = i; j < d; j++) {
                cov[row + j] = keep * (cov[row + j] + ai * delta[j]);
            }
        }
        solve();
    }

    /** Projection of {@code x} on axis {@code component} (0: PC1, 1: PC2), centred on the running mean. */
    public double project(int component, double[] x) {
        double[] u = q[component];
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += (x[i] - mean[i]) * u[i];
        }
        return s;
    }

    /** The variance along axis {@code component}: its eigenvalue of the running covariance. */
    public double eigenvalue(int component) {
        return values[component];
    }

    /** Axis {@code component}, unit length; read-only. */
    public double[] axis(int component) {
        return q[component];
    }

    /** Vectors added since the start or the last {@link #reset()}. */
    public long updates() {
        return updates;
    }

    /** Subspace iterations the last update took. */
    public int iterations() {
        return iterations;
    }

    public void reset() {
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(cov, 0);
        java.util.Arrays.fill(values, 0);
        updates = 0;
        axesSet = false;
        random = 0x9E3779B97F4A7C15L;
    }

    private void solve() {
        if (!axesSet) {
            for (int k = 0; k < p; k++) {
                for (int i = 0; i < d; i++) {
                    q[k][i] = nextRandom();
                }
            }
            orthonormalise(q);
        }
        iterations = 0;
        while (true) {
            iterations++;
            multiply(q, w);
            for (int k = 0; k < p; k++) {
                for (int l = k; l < p; l++) {
                    double s = dot(q[k], w[l]);
                    small[k][l] = s;
                    small[l][k] = s;
                }
            }
            SymmetricEigen.decompose(small, p, values, smallVectors);
            rotate(q);
            rotate(w);
            if (converged() || iterations >= MAX_ITERATIONS) {
                break;
            }
            for (int k = 0; k < p; k++) {
                System.arraycopy(w[k], 0, q[k], 0, d);
            }
            orthonormalise(q);
        }
        keepSigns();
    }

    /** out_k = C q_k for every column, reading the upper triangle only. */
    private void multiply(double[][] in, double[][] out) {
        for (int k = 0; k < p; k++) {
            java.util.Arrays.fill(out[k], 0);
        }
        for (int i = 0; i < d; i++) {
            int row = i * d;
            double cii = cov[row + i];
            for (int k = 0; k < p; k++) {
                double[] x = in[k];
                double[] y = out[k];
                double xi = x[i];
                double yi = y[i] + cii * xi;
                for (int j = i + 1; j < d; j++) {
                    double c = cov[row + j];
                    yi += c * x[j];
                    y[j] += c * xi;
                }
                y[i] = yi;
            }
        }
    }

    /** m <- m V, with V the Ritz vectors. */
    private void rotate(double[][] m) {
        for (int k = 0; k < p; k++) {
            double[] r = rotated[k];
            java.util.Arrays.fill(r, 0);
            for (int l = 0; l < p; l++) {
                double v = smallVectors[l][k];
                double[] src = m[l];
                for (int i = 0; i < d; i++) {
                    r[i] += v * src[i];
                }
            }
        }
        for (int k = 0; k < p; k++) {
            System.arraycopy(rotated[k], 0, m[k], 0, d);
        }
    }

    private boolean converged() {
        double scale = Math.max(values[0], 0);
        for (int k = 0; k < COMPONENTS; k++) {
            double r = 0;
            for (int i = 0; i < d; i++) {
                double e = w[k][i] - values[k] * q[k][i];
                r += e * e;
            }
            if (Math.sqrt(r) > TOLERANCE * scale) {
                return false;
            }
        }
        return true;
    }

    /** Modified Gram–Schmidt; a column that vanishes (the covariance has lower rank) is replaced at random. */
    private void orthonormalise(double[][] m) {
        for (int k = 0; k < p; k++) {
            for (int attempt = 0; ; attempt++) {
                double before = Math.sqrt(dot(m[k], m[k]));
                for (int l = 0; l < k; l++) {
                    double s = dot(m[l], m[k]);
                    for (int i = 0; i < d; i++) {
                        m[k][i] -= s * m[l][i];
                    }
                }
                double norm = Math.sqrt(dot(m[k], m[k]));
                if (norm > 1e-10 * before && norm > 0) {
                    for (int i = 0; i < d; i++) {
                        m[k][i] /= norm;
                    }
                    break;
                }
                if (attempt > 10) {
                    throw new IllegalStateException("cannot complete an orthonormal basis in " + d + " dimensions");
                }
                for (int i = 0; i < d; i++) {
                    m[k][i] = nextRandom();
                }
            }
        }
    }

    /**
     * Keeps each axis pointing the way it did. Until the data define both axes (rank 2 takes three vectors),
     * each axis's largest component is made positive instead.
     */
    private void keepSigns() {
        boolean follow = updates > COMPONENTS + 1;
        for (int k = 0; k < COMPONENTS; k++) {
            double[] u = q[k];
            double s;
            if (follow) {
                s = dot(u, previous[k]);
            } else {
                int big = 0;
                for (int i = 1; i < d; i++) {
                    if (Math.abs(u[i]) > Math.abs(u[big])) {
                        big = i;
                    }
                }
                s = u[big];
            }
            if (s < 0) {
                for (int i = 0; i < d; i++) {
                    u[i] = -u[i];
                }
                for (int i = 0; i < d; i++) {
                    w[k][i] = -w[k][i];
                }
            }
            System.arraycopy(u, 0, previous[k], 0, d);
        }
        axesSet = true;
    }

    private double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Uniform in [-1, 1) from a xorshift generator: deterministic and allocation-free. */
    private double nextRandom() {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        return (random >>> 11) * 0x1.0p-53 * 2 - 1;
    }
}
