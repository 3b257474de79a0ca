package org.frisson.calibration;

import java.awt.Color;

/** A blue-white-red colour scale for values in [-limit, limit]: negative blue, zero white, positive red. */
final class DivergingColors {

    private static final Color NEGATIVE = new Color(0x2166AC);
    private static final Color POSITIVE = new Color(0xB2182B);
    private static final Color MISSING = new Color(0xBDBDBD);

    private final double limit;

    DivergingColors(double limit) {
        if (!(limit > 0)) {
            throw new IllegalArgumentException("colour scale limit must be positive, got " + limit);
        }
        this.limit = limit;
    }

    double limit() {
        return limit;
    }

    /** The colour of v (values beyond the limit are clipped; NaN grey). */
    Color of(double v) {
        if (Double.isNaN(v)) {
            return MISSING;
        }
        double f = Math.max(-1, Math.min(1, v / limit));
        Color end = f < 0 ? NEGATIVE : POSITIVE;
        double a = Math.abs(f);
        return new Color(mix(255, end.getRed(), a), mix(255, end.getGreen(), a), mix(255, end.getBlue(), a));
    }

    /** Whether text on colour c reads better in white than in black. */
    static boolean dark(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue() < 140;
    }

    private static int mix(int from, int to, double a) {
        return (int) Math.round(from + (to - from) * a);
    }
}
