package org.frisson.dsp.music;

/** The median of the newest {@code capacity} values added (even count: the mean of the middle two). */
final class RunningMedian {

    private final double[] ring;
    private final double[] sorted;
    private int next;
    private int size;

    RunningMedian(int capacity) {
        ring = new double[capacity];
        sorted = new double[capacity];
    }

    /** Adds a value, dropping the oldest when full; a non-finite value is not added. */
    void add(double x) {
        if (!Double.isFinite(x)) {
            return;
        }
        if (size == ring.length) {
            remove(ring[next]);
        }
        ring[next] = x;
        next = (next + 1) % ring.length;
        int at = size;
        while (at > 0 && sorted[at - 1] > x) {
            sorted[at] = sorted[at - 1];
            at--;
        }
        sorted[at] = x;
        size++;
    }

    int size() {
        return size;
    }

    /** NaN when empty. */
    double median() {
        if (size == 0) {
            return Double.NaN;
        }
        int mid = size / 2;
        return size % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    void clear() {
        next = 0;
        size = 0;
    }

    private void remove(double x) {
        int at = 0;
        while (sorted[at] != x) {
            at++;
        }
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        size--;
    }
}
