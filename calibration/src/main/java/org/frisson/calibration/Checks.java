package org.frisson.calibration;

/** Input checks shared by the public entry points; every message names the field and, for shapes, both sizes. */
final class Checks {

    private Checks() {
    }

    /** The width of a non-empty rectangular matrix; refuses a ragged or empty one. */
    static int width(double[][] m, String what) {
        if (m == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (m.length == 0) {
            throw new IllegalArgumentException(what + " has no rows");
        }
        if (m[0] == null) {
            throw new IllegalArgumentException(what + " row 0 is missing");
        }
        int width = m[0].length;
        if (width == 0) {
            throw new IllegalArgumentException(what + " row 0 has no values");
        }
        for (int i = 1; i < m.length; i++) {
            if (m[i] == null) {
                throw new IllegalArgumentException(what + " row " + i + " is missing");
            }
            if (m[i].length != width) {
                throw new IllegalArgumentException(what + " row " + i + " has " + m[i].length + " values, row 0 has "
                        + width);
            }
        }
        return width;
    }

    /** Refuses NaN or infinite entries, naming the first one. */
    static void finite(double[][] m, String what) {
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new IllegalArgumentException(what + " row " + i + " column " + j + " is " + m[i][j]);
                }
            }
        }
    }

    /** Refuses NaN or infinite entries, naming the first one. */
    static void finite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " value " + i + " is " + v[i]);
            }
        }
    }

    /** Refuses a length that differs from the one it must match, naming both. */
    static void sameLength(int expected, String expectedWhat, int actual, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " has " + actual + " rows, " + expectedWhat + " has " + expected);
        }
    }

    static <T> T present(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }
}
