package org.frisson.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic listening session on a 2.5 Hz grid: a hierarchy of layers (layer 1 smooth random features, AR(1) per
 * dimension; layer k+1 = tanh(gain · W_k · layer k) with a fresh random W_k plus noise of its own, so neighbours are
 * correlated and far layers are not; a layer's own noise is information only it and the layers above hold, which
 * makes a planted layer identifiable), a baseline at depth 0 (four descriptors linear in layer 1), and responses
 * planted on one layer through an FIR kernel that peaks at 2.5 s.
 */
final class SyntheticSession {

    static final double RATE = 2.5;

    final int[] block;
    final List<Layer> layers = new ArrayList<>();
    private final Random random;
    private final java.util.Map<Integer, double[][]> leading = new java.util.HashMap<>();

    /**
     * {@code tracks} tracks of {@code trackRows} rows separated by {@code gapRows} rows outside any track; layer k+1 =
     * tanh(gain · W_k · layer k / sqrt(width)) + layerNoise · N(0, 1), then standardized.
     */
    SyntheticSession(long seed, int tracks, int trackRows, int gapRows, int[] widths, double gain, double layerNoise) {
        random = new Random(seed);
        int n = tracks * trackRows + (tracks - 1) * gapRows;
        block = new int[n];
        int t = 0;
        for (int k = 0; k < tracks; k++) {
            for (int i = 0; i < trackRows; i++) {
                block[t++] = k;
            }
            for (int i = 0; i < gapRows && t < n; i++) {
                block[t++] = -1;
            }
        }
        double[][] current = standardized(ar1(n, widths[0], 0.9));
        double[][] first = current;
        layers.add(new Layer("layer1", 1, current));
        for (int depth = 2; depth <= widths.length; depth++) {
            int d = widths[depth - 1];
            double[][] w = gaussian(d, current[0].length);
            double[][] next = new double[n][d];
            for (int row = 0; row < n; row++) {
                for (int a = 0; a < d; a++) {
                    double s = 0;
                    for (int b = 0; b < current[0].length; b++) {
                        s += w[a][b] * current[row][b];
                    }
                    next[row][a] = Math.tanh(gain * s / Math.sqrt(current[0].length)) + layerNoise * random.nextGaussian();
                }
            }
            current = standardized(next);
            layers.add(new Layer("layer" + depth, depth, current));
        }
        // the baseline: four descriptors, linear in layer 1, plus noise
        double[][] v = gaussian(4, first[0].length);
        double[][] baseline = new double[n][4];
        for (int row = 0; row < n; row++) {
            for (int a = 0; a < 4; a++) {
                double s = 0;
                for (int b = 0; b < first[0].length; b++) {
                    s += v[a][b] * first[row][b];
                }
                baseline[row][a] = s + 0.5 * random.nextGaussian();
            }
        }
        layers.add(0, new Layer("acoustic", 0, baseline));
    }

    Layer layer(int depth) {
        return layers.stream().filter(l -> l.depth() == depth).findFirst().orElseThrow();
    }

    /**
     * A response planted on layer {@code depth}: an FIR kernel (gamma-shaped, peak at 2.5 s, 0..6 s) convolved with a
     * random projection of that layer, scaled to unit variance, plus white noise of standard deviation {@code noise}.
     */
    double[] planted(int depth, double noise) {
        return convolved(layer(depth).values(), noise);
    }

    private double[] convolved(double[][] x, double noise) {
        int n = x.length;
        double[] projection = new double[x[0].length];
        for (int j = 0; j < projection.length; j++) {
            projection[j] = random.nextGaussian();
        }
        double[] u = new double[n];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < projection.length; j++) {
                u[t] += projection[j] * x[t][j];
            }
        }
        int taps = (int) Math.round(6 * RATE) + 1;
        double[] kernel = new double[taps];
        for (int l = 0; l < taps; l++) {
            double tau = l / RATE;
            kernel[l] = Math.pow(tau, 5) * Math.exp(-tau / 0.5);
        }
        double[] signal = new double[n];
        for (int t = 0; t < n; t++) {
            for (int l = 0; l < taps && l <= t; l++) {
                signal[t] += kernel[l] * u[t - l];
            }
        }
        standardize(signal);
        for (int t = 0; t < n; t++) {
            signal[t] += noise * random.nextGaussian();
        }
        return signal;
    }

    /**
     * A response planted on the first {@code count} principal components of layer {@code depth} (random weights), through
     * the same kernel and noise as {@link #planted}.
     */
    double[] plantedOnComponents(int depth, int count, double noise) {
        double[][] z = leading.computeIfAbsent(depth * 1000 + count, key -> LayerComponents.fit(layer(depth).values(),
                count, "layer" + depth).project(layer(depth).values()));
        return convolved(z, noise);
    }

    /** Smooth noise unrelated to any layer: AR(1) with coefficient 0.9. */
    double[] smoothNoise() {
        double[][] x = ar1(block.length, 1, 0.9);
        double[] v = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            v[t] = x[t][0];
        }
        return v;
    }

    private double[][] ar1(int n, int d, double phi) {
        double[][] x = new double[n][d];
        double innovation = Math.sqrt(1 - phi * phi);
        for (int j = 0; j < d; j++) {
            x[0][j] = random.nextGaussian();
        }
        for (int t = 1; t < n; t++) {
            for (int j = 0; j < d; j++) {
                x[t][j] = phi * x[t - 1][j] + innovation * random.nextGaussian();
            }
        }
        return x;
    }

    private double[][] gaussian(int rows, int cols) {
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return w;
    }

    private static double[][] standardized(double[][] x) {
        int d = x[0].length;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(var / x.length);
            for (double[] row : x) {
                row[j] = (row[j] - mean) / sd;
            }
        }
        return x;
    }

    private static void standardize(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / v.length);
        for (int t = 0; t < v.length; t++) {
            v[t] = (v[t] - mean) / sd;
        }
    }
}
