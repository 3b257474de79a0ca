package org.frisson.dsp.music;

/** The newest {@code capacity} vectors of one dimension, each with a time, copied in; oldest first. */
final class VectorRing {

    private final double[][] vectors;
    private final double[] times;
    private int next;
    private int size;

    VectorRing(int capacity, int dimension) {
        vectors = new double[capacity][dimension];
        times = new double[capacity];
    }

    /** Copies {@code v} in, dropping the oldest vector when full. */
    void add(double[] v, double time) {
        System.arraycopy(v, 0, vectors[next], 0, vectors[next].length);
        times[next] = time;
        next = (next + 1) % vectors.length;
        size = Math.min(size + 1, vectors.length);
    }

    int size() {
        return size;
    }

    boolean full() {
        return size == vectors.length;
    }

    /** Vector {@code i}, 0 the oldest held; read-only. */
    double[] get(int i) {
        return vectors[(next - size + i + vectors.length) % vectors.length];
    }

    double time(int i) {
        return times[(next - size + i + vectors.length) % vectors.length];
    }

    void clear() {
        next = 0;
        size = 0;
    }
}
