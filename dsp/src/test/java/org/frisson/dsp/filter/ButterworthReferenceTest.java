package org.frisson.dsp.filter;

import org.frisson.dsp.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frisson's Butterworth designs and filters against scipy.signal on the same designs and the same
 * signal: {@code butter(..., output='sos', fs=...)}, {@code sosfilt} (zero and steady-state initial
 * conditions) and {@code sosfiltfilt}.
 */
class ButterworthReferenceTest {

    /** Coefficients: |ours - scipy's| <= 1e-12 * max(1, |scipy's|). */
    static final double COEFFICIENT_TOLERANCE = 1e-12;
    /** Filter outputs: max |ours - scipy's| <= 1e-9 * max |scipy's output| (the signal is O(1..10)). */
    static final double OUTPUT_TOLERANCE = 1e-9;

    @TempDir
    static Path dir;
    static Map<String, String> manifest;
    static double[] signal;

    @BeforeAll
    static void runReference() {
        PythonReference.run("filters", dir);
        manifest = PythonReference.manifest(dir);
        signal = PythonReference.read(dir.resolve("signal.f64"));
    }

    static Sos design(String spec) {
        String[] p = spec.split(" ");
        int order = Integer.parseInt(p[1]);
        double fs = Double.parseDouble(p[3]);
        return switch (p[0]) {
            case "lowpass" -> Butterworth.lowPass(order, Double.parseDouble(p[2]), fs);
            case "highpass" -> Butterworth.highPass(order, Double.parseDouble(p[2]), fs);
            case "bandpass" -> {
                String[] e = p[2].split(":");
                yield Butterworth.bandPass(order, Double.parseDouble(e[0]), Double.parseDouble(e[1]), fs);
            }
            default -> throw new AssertionError("unknown design " + spec);
        };
    }

    @Test
    void coefficientsEqualScipyButter() {
        double worst = 0;
        for (String name : manifest.get("designs").split(",")) {
            double[] ref = PythonReference.read(dir.resolve(name + ".sos.f64"));
            double[] ours = design(manifest.get(name)).coefficients();
            assertEquals(ref.length, ours.length, name + ": number of coefficients");
            for (int i = 0; i < ref.length; i++) {
                double tol = COEFFICIENT_TOLERANCE * Math.max(1, Math.abs(ref[i]));
                worst = Math.max(worst, Math.abs(ref[i] - ours[i]));
                assertEquals(ref[i], ours[i], tol, name + " coefficient " + i + " (section " + i / 6 + ")");
            }
        }
        System.out.println("[reference] Butterworth SOS vs scipy butter: max abs coefficient error " + worst);
    }

    @Test
    void causalFilteringEqualsSosfilt() {
        for (String name : manifest.get("designs").split(",")) {
            Sos sos = design(manifest.get(name));
            SosFilter f = new SosFilter(sos, 1);
            double[] y = new double[signal.length];
            f.process(signal, 0, y, 0, signal.length);
            assertClose(PythonReference.read(dir.resolve(name + ".sosfilt.f64")), y, name + " sosfilt");

            f.reset();
            f.settle(0, signal[0]);
            // in uneven chunks, to show that chunking does not matter
            int pos = 0, chunk = 1;
            while (pos < signal.length) {
                int n = Math.min(chunk, signal.length - pos);
                f.process(signal, pos, y, pos, n);
                pos += n;
                chunk = chunk * 3 % 97 + 1;
            }
            assertClose(PythonReference.read(dir.resolve(name + ".sosfilt_zi.f64")), y, name + " sosfilt with zi");
        }
    }

    @Test
    void zeroPhaseFilteringEqualsSosfiltfilt() {
        for (String name : manifest.get("designs").split(",")) {
            ZeroPhaseFilter f = new ZeroPhaseFilter(design(manifest.get(name)), signal.length);
            double[] y = new double[signal.length];
            f.apply(signal, 0, signal.length, y, 0);
            assertClose(PythonReference.read(dir.resolve(name + ".sosfiltfilt.f64")), y, name + " sosfiltfilt");
        }
    }

    static double worstRelative;

    static void assertClose(double[] ref, double[] ours, String what) {
        assertEquals(ref.length, ours.length, what + ": length");
        double scale = 0, err = 0;
        for (int i = 0; i < ref.length; i++) {
            scale = Math.max(scale, Math.abs(ref[i]));
            err = Math.max(err, Math.abs(ref[i] - ours[i]));
        }
        worstRelative = Math.max(worstRelative, err / Math.max(scale, 1e-300));
        System.out.println("[reference] " + what + ": max abs error " + err + " (output scale " + scale + ")");
        assertTrue(err <= OUTPUT_TOLERANCE * Math.max(scale, 1e-300),
                what + ": max abs error " + err + " exceeds " + OUTPUT_TOLERANCE + " x " + scale);
    }
}
