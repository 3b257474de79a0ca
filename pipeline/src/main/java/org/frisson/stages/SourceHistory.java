package org.frisson.stages;

import org.frisson.stage.LatestResult;

/**
 * The last {@code length} results of an upstream stage's {@link LatestResult}, taken as they come (one per change of
 * its count) into a preallocated ring, and copied oldest first into a model's input. A result with a
 * non-finite value is kept, and {@link #finite()} says whether the whole history is usable.
 */
final class SourceHistory {

    private final LatestResult source;
    private final int width;
    private final int length;
    private final float[] ring;
    private final boolean[] bad;
    private long seen;
    private long taken;
    private double stamp = Double.NaN;

    SourceHistory(LatestResult source, int length) {
        this.source = source;
        this.width = source.width();
        this.length = length;
        this.ring = new float[width * length];
        this.bad = new boolean[length];
    }

    /** Takes the source's newest result if it is new; true when it was. */
    boolean update() {
        long c = source.count();
        if (c == seen) {
            return false;
        }
        seen = c;
        int slot = (int) (taken % length);
        boolean nonFinite = false;
        for (int i = 0; i < width; i++) {
            double v = source.value(i);
            nonFinite |= !Double.isFinite(v);
            ring[slot * width + i] = (float) v;
        }
        bad[slot] = nonFinite;
        taken++;
        stamp = source.stamp();
        return true;
    }

    /** Whether {@code length} results have come. */
    boolean full() {
        return taken >= length;
    }

    /** Whether every result held is finite. */
    boolean finite() {
        for (int k = 0; k < Math.min(length, taken); k++) {
            if (bad[k]) {
                return false;
            }
        }
        return true;
    }

    /** Stamp of the newest result. */
    double stamp() {
        return stamp;
    }

    /** Copies the history, oldest result first, into {@code into} ({@code length * width} values). */
    void copyTo(float[] into) {
        int oldest = (int) (taken % length);
        int head = (length - oldest) * width;
        System.arraycopy(ring, oldest * width, into, 0, head);
        System.arraycopy(ring, 0, into, head, oldest * width);
    }

    /** Copies the mean of the newest {@code n} results into {@code into} ({@code width} values). */
    void meanOfNewest(int n, float[] into) {
        java.util.Arrays.fill(into, 0, width, 0f);
        int k = Math.min(n, (int) Math.min(length, taken));
        for (int j = 0; j < k; j++) {
            int slot = (int) ((taken - 1 - j) % length);
            for (int i = 0; i < width; i++) {
                into[i] += ring[slot * width + i] / k;
            }
        }
    }

    void reset() {
        taken = 0;
        seen = source.count();
        stamp = Double.NaN;
    }
}
