package org.frisson.dsp.filter;

/**
 * An IIR filter as a cascade of second-order sections, in scipy's layout: each section is
 * {@code [b0, b1, b2, a0, a1, a2]} with {@code a0 = 1}; the overall gain sits in the first section.
 * Immutable.
 */
public final class Sos {

    private final double[] c;
    private final int sections;

    /** @param coefficients {@code 6 * sections} values, section after section */
    public Sos(double[] coefficients) {
        if (coefficients.length == 0 || coefficients.length % 6 != 0) {
            throw new IllegalArgumentException("SOS coefficients come in rows of 6, got " + coefficients.length);
        }
        this.c = coefficients.clone();
        this.sections = coefficients.length / 6;
        for (int s = 0; s < sections; s++) {
            double a0 = c[6 * s + 3];
            if (a0 != 1.0) {
                for (int j = 0; j < 6; j++) {
                    c[6 * s + j] /= a0;
                }
            }
        }
    }

    public int sections() {
        return sections;
    }

    /** Coefficient {@code j} (0..5, order b0 b1 b2 a0 a1 a2) of section {@code s}. */
    public double coefficient(int s, int j) {
        return c[6 * s + j];
    }

    /** A copy of all coefficients, section after section. */
    public double[] coefficients() {
        return c.clone();
    }

    /**
     * Initial state (two values per section, for a direct-form-II-transposed section) that is the steady
     * state of a unit step: scaling it by {@code x0} starts the filter as if {@code x0} had always been
     * its input. Equals scipy's {@code sosfilt_zi}.
     */
    public double[] steadyStateUnitStep() {
        double[] zi = new double[2 * sections];
        double scale = 1.0;
        for (int s = 0; s < sections; s++) {
            double b0 = c[6 * s], b1 = c[6 * s + 1], b2 = c[6 * s + 2];
            double a1 = c[6 * s + 4], a2 = c[6 * s + 5];
            // Solve (I - A^T) z = B for the companion matrix of [1, a1, a2] (scipy's lfilter_zi).
            double r0 = b1 - a1 * b0;
            double r1 = b2 - a2 * b0;
            // [[1 + a1, -1], [a2, 1]] z = [r0, r1]
            double det = (1 + a1) + a2;
            double z0 = (r0 + r1) / det;
            double z1 = r1 - a2 * z0;
            zi[2 * s] = scale * z0;
            zi[2 * s + 1] = scale * z1;
            scale *= (b0 + b1 + b2) / (1 + a1 + a2);
        }
        return zi;
    }

    /**
     * Edge extension that scipy's {@code sosfiltfilt} uses by default:
     * {@code 3 * (2 * sections + 1 - min(#sections with b2 == 0, #sections with a2 == 0))}.
     */
    public int filtfiltPadLength() {
        int b2zero = 0, a2zero = 0;
        for (int s = 0; s < sections; s++) {
            if (c[6 * s + 2] == 0) {
                b2zero++;
            }
            if (c[6 * s + 5] == 0) {
                a2zero++;
            }
        }
        return 3 * (2 * sections + 1 - Math.min(b2zero, a2zero));
    }
}
