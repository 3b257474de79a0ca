package org.frisson.dsp.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Digital Butterworth filter design, giving the same second-order sections as scipy's
 * {@code butter(order, cutoff, btype, output='sos', fs=fs)}: analog prototype poles, frequency
 * pre-warping, low-pass/high-pass/band-pass transformation, bilinear transform, then scipy's
 * {@code zpk2sos} with "nearest" pairing (sections ordered so the poles closest to the unit circle
 * come last).
 */
public final class Butterworth {

    private Butterworth() {
    }

    public static Sos lowPass(int order, double cutoffHz, double sampleRate) {
        checkCutoff("low-pass", cutoffHz, sampleRate);
        return design(order, new double[]{cutoffHz}, Type.LOW_PASS, sampleRate);
    }

    public static Sos highPass(int order, double cutoffHz, double sampleRate) {
        checkCutoff("high-pass", cutoffHz, sampleRate);
        return design(order, new double[]{cutoffHz}, Type.HIGH_PASS, sampleRate);
    }

    public static Sos bandPass(int order, double lowHz, double highHz, double sampleRate) {
        checkCutoff("band-pass", lowHz, sampleRate);
        checkCutoff("band-pass", highHz, sampleRate);
        if (!(lowHz < highHz)) {
            throw new IllegalArgumentException("band-pass edges must increase, got " + lowHz + " and " + highHz + " Hz");
        }
        return design(order, new double[]{lowHz, highHz}, Type.BAND_PASS, sampleRate);
    }

    private enum Type { LOW_PASS, HIGH_PASS, BAND_PASS }

    private static void checkCutoff(String what, double hz, double fs) {
        if (!(fs > 0) || !Double.isFinite(fs)) {
            throw new IllegalArgumentException("sampling rate must be positive and finite, got " + fs + " Hz");
        }
        if (!(hz > 0) || !(hz < fs / 2)) {
            throw new IllegalArgumentException(String.format(
                    "a Butterworth %s at %s Hz cannot be designed for a sampling rate of %s Hz: the cutoff must lie"
                            + " between 0 and the Nyquist frequency %s Hz", what, hz, fs, fs / 2));
        }
    }

    private static Sos design(int order, double[] cutoffHz, Type type, double fs) {
        if (order < 1) {
            throw new IllegalArgumentException("filter order must be at least 1, got " + order);
        }
        // Prototype: poles -exp(i pi m / (2N)), m = -N+1, -N+3, ..., N-1; no zeros; gain 1.
        int n = order;
        double[] pr = new double[n], pi = new double[n];
        for (int j = 0; j < n; j++) {
            int m = -n + 1 + 2 * j;
            double ang = Math.PI * m / (2.0 * n);
            pr[j] = -Math.cos(ang);
            pi[j] = -Math.sin(ang);
        }
        // Pre-warp on a normalised axis (fs = 2, as scipy does).
        final double fs2 = 4.0; // 2 * fs with fs = 2
        double[] warped = new double[cutoffHz.length];
        for (int i = 0; i < warped.length; i++) {
            double wn = cutoffHz[i] / (fs / 2);
            warped[i] = 4.0 * Math.tan(Math.PI * wn / 2.0);
        }
        List<double[]> poles = new ArrayList<>(); // {re, im}
        List<Double> zeros = new ArrayList<>();   // all zeros of these designs are real
        double kRe;
        int degree; // poles minus zeros before the bilinear transform
        switch (type) {
            case LOW_PASS -> {
                double wo = warped[0];
                for (int j = 0; j < n; j++) {
                    poles.add(new double[]{wo * pr[j], wo * pi[j]});
                }
                kRe = Math.pow(wo, n);
                degree = n;
            }
            case HIGH_PASS -> {
                double wo = warped[0];
                // p_hp = wo / p; k = real(1 / prod(-p))
                double[] prod = {1, 0};
                for (int j = 0; j < n; j++) {
                    double d = pr[j] * pr[j] + pi[j] * pi[j];
                    poles.add(new double[]{wo * pr[j] / d, -wo * pi[j] / d});
                    prod = mul(prod, new double[]{-pr[j], -pi[j]});
                }
                for (int j = 0; j < n; j++) {
                    zeros.add(0.0);
                }
                kRe = div(new double[]{1, 0}, prod)[0];
                degree = 0;
            }
            default -> {
                double bw = warped[1] - warped[0];
                double wo = Math.sqrt(warped[0] * warped[1]);
                double[][] first = new double[n][], second = new double[n][];
                for (int j = 0; j < n; j++) {
                    double[] plp = {pr[j] * bw / 2, pi[j] * bw / 2};
                    double[] sq = sqrt(sub(mul(plp, plp), new double[]{wo * wo, 0}));
                    first[j] = add(plp, sq);
                    second[j] = sub(plp, sq);
                }
                for (int j = 0; j < n; j++) {
                    poles.add(first[j]);
                }
                for (int j = 0; j < n; j++) {
                    poles.add(second[j]);
                }
                for (int j = 0; j < n; j++) {
                    zeros.add(0.0);
                }
                kRe = Math.pow(bw, n);
                degree = n;
            }
        }
        // Bilinear transform.
        double[] num = {1, 0}, den = {1, 0};
        List<double[]> zPoles = new ArrayList<>();
        for (double[] p : poles) {
            den = mul(den, new double[]{fs2 - p[0], -p[1]});
            zPoles.add(div(new double[]{fs2 + p[0], p[1]}, new double[]{fs2 - p[0], -p[1]}));
        }
        List<Double> zZeros = new ArrayList<>();
        for (double z : zeros) {
            num = mul(num, new double[]{fs2 - z, 0});
            zZeros.add((fs2 + z) / (fs2 - z));
        }
        for (int j = 0; j < degree; j++) {
            zZeros.add(-1.0);
        }
        double k = kRe * div(num, den)[0];
        return zpkToSos(zZeros, zPoles, k);
    }

    /** scipy's zpk2sos with pairing="nearest", for real zeros. */
    private static Sos zpkToSos(List<Double> zerosIn, List<double[]> polesIn, double k) {
        List<Double> z = new ArrayList<>(zerosIn);
        List<double[]> pAll = new ArrayList<>(polesIn);
        while (pAll.size() < z.size()) {
            pAll.add(new double[]{0, 0});
        }
        while (z.size() < pAll.size()) {
            z.add(0.0);
        }
        int nSections = (Math.max(pAll.size(), z.size()) + 1) / 2;
        if (pAll.size() % 2 == 1) {
            pAll.add(new double[]{0, 0});
            z.add(0.0);
        }
        // One representative per complex-conjugate pair (positive imaginary part), sorted by real part then
        // |imag|; real poles after them, ascending (scipy's _cplxreal).
        List<double[]> complex = new ArrayList<>();
        List<double[]> real = new ArrayList<>();
        for (double[] p : pAll) {
            double tol = 100 * Math.ulp(1.0) * Math.hypot(p[0], p[1]);
            if (Math.abs(p[1]) <= tol) {
                real.add(new double[]{p[0], 0});
            } else if (p[1] > 0) {
                complex.add(p);
            }
        }
        complex.sort((x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(Math.abs(x[1]), Math.abs(y[1])));
        real.sort((x, y) -> Double.compare(x[0], y[0]));
        List<double[]> p = new ArrayList<>(complex);
        p.addAll(real);
        z.sort(Double::compare);

        double[] sos = new double[6 * nSections];
        for (int si = nSections - 1; si >= 0; si--) {
            int i1 = worst(p, false);
            double[] p1 = p.remove(i1);
            boolean p1Real = p1[1] == 0;
            int realLeft = 0;
            for (double[] q : p) {
                if (q[1] == 0) {
                    realLeft++;
                }
            }
            double[] b, a;
            if (p1Real && realLeft == 0) {
                double z1 = z.remove(nearest(z, p1));
                b = new double[]{1, -z1, 0};
                a = new double[]{1, -p1[0], 0};
            } else {
                double[] p2;
                if (p1Real) {
                    p2 = p.remove(worst(p, true));
                    a = new double[]{1, -(p1[0] + p2[0]), p1[0] * p2[0]};
                } else {
                    a = new double[]{1, -2 * p1[0], p1[0] * p1[0] + p1[1] * p1[1]};
                }
                if (!z.isEmpty()) {
                    double z1 = z.remove(nearest(z, p1));
                    if (!z.isEmpty()) {
                        double z2 = z.remove(nearest(z, p1));
                        b = new double[]{1, -(z1 + z2), z1 * z2};
                    } else {
                        b = new double[]{0, 1, -z1};
                    }
                } else {
                    b = new double[]{0, 0, 1};
                }
            }
            System.arraycopy(b, 0, sos, 6 * si, 3);
            System.arraycopy(a, 0, sos, 6 * si + 3, 3);
        }
        for (int j = 0; j < 3; j++) {
            sos[j] *= k;
        }
        return new Sos(sos);
    }

    /** Index of the pole closest to the unit circle (first on ties), optionally among real poles only. */
    private static int worst(List<double[]> p, boolean realOnly) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p.size(); i++) {
            double[] q = p.get(i);
            if (realOnly && q[1] != 0) {
                continue;
            }
            double d = Math.abs(1 - Math.hypot(q[0], q[1]));
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private static int nearest(List<Double> z, double[] to) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < z.size(); i++) {
            double d = Math.hypot(z.get(i) - to[0], to[1]);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private static double[] add(double[] x, double[] y) {
        return new double[]{x[0] + y[0], x[1] + y[1]};
    }

    private static double[] sub(double[] x, double[] y) {
        return new double[]{x[0] - y[0], x[1] - y[1]};
    }

    private static double[] mul(double[] x, double[] y) {
        return new double[]{x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]};
    }

    private static double[] div(double[] x, double[] y) {
        double d = y[0] * y[0] + y[1] * y[1];
        return new double[]{(x[0] * y[0] + x[1] * y[1]) / d, (x[1] * y[0] - x[0] * y[1]) / d};
    }

    /** Principal square root. */
    private static double[] sqrt(double[] x) {
        double r = Math.hypot(x[0], x[1]);
        double re = Math.sqrt(Math.max(0, (r + x[0]) / 2));
        double im = Math.sqrt(Math.max(0, (r - x[0]) / 2));
        return new double[]{re, Math.copySign(im, x[1])};
    }
}
