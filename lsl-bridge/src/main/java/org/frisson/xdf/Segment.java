package org.frisson.xdf;

/**
 * A run of samples, by index, both ends inclusive (pyxdf's convention).
 *
 * @param first index of the first sample
 * @param last  index of the last sample
 */
public record Segment(int first, int last) {

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return "[" + first + ", " + last + "]";
    }
}
