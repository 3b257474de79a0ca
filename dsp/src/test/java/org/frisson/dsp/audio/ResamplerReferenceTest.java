package org.frisson.dsp.audio;

import org.frisson.dsp.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streaming polyphase resampling against {@code scipy.signal.resample_poly} on tones, noise and a chirp,
 * 48 and 44.1 kHz to 16, 22.05 and 24 kHz, fed in random chunk sizes through the float32 path.
 */
class ResamplerReferenceTest {

    /** Signal-to-error ratio against scipy's output, dB. */
    static final double MIN_SNR_DB = 60;
    /** Filter taps: |ours - scipy firwin * up| <= this. */
    static final double TAP_TOLERANCE = 1e-12;

    @TempDir
    static Path dir;
    static Map<String, String> manifest;

    @BeforeAll
    static void runReference() {
        PythonReference.run("resample", dir);
        manifest = PythonReference.manifest(dir);
    }

    @Test
    void antiAliasingFilterEqualsScipys() {
        double worst = 0;
        for (String pair : manifest.get("taps").split(",")) {
            String[] p = pair.split(":");
            int up = Integer.parseInt(p[0]), down = Integer.parseInt(p[1]);
            double[] ref = PythonReference.read(dir.resolve("taps_" + up + "_" + down + ".f64"));
            double[] ours = PolyphaseResampler.design(up, down);
            assertEquals(ref.length, ours.length, pair + " length");
            for (int i = 0; i < ref.length; i++) {
                worst = Math.max(worst, Math.abs(ref[i] - ours[i]));
                assertEquals(ref[i], ours[i], TAP_TOLERANCE, pair + " tap " + i);
            }
        }
        System.out.println("[reference] resample_poly filter taps: max abs error " + worst);
    }

    @Test
    void outputEqualsResamplePoly() {
        List<String> report = new ArrayList<>();
        double worstSnr = Double.POSITIVE_INFINITY;
        for (String name : manifest.get("cases").split(",")) {
            String[] rates = manifest.get(name + ".rates").split(":");
            PolyphaseResampler r = new PolyphaseResampler(Integer.parseInt(rates[0]), Integer.parseInt(rates[1]));
            double[] in = PythonReference.read(dir.resolve(name + ".input.f64"));
            double[] ref = PythonReference.read(dir.resolve(name + ".output.f64"));
            float[] input = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                input[i] = (float) in[i];
            }
            float[] out = new float[ref.length + r.maxOutput(0)];
            SplittableRandom rnd = new SplittableRandom(name.hashCode());
            int pos = 0, produced = 0;
            while (pos < input.length) {
                int n = Math.min(input.length - pos, 1 + rnd.nextInt(700));
                assertTrue(produced + r.maxOutput(n) <= out.length + r.maxOutput(n));
                produced += r.process(input, pos, n, out, produced);
                pos += n;
            }
            produced += r.flush(out, produced);
            assertEquals(ref.length, produced, name + ": output length");
            double sig = 0, err = 0;
            for (int i = 0; i < ref.length; i++) {
                sig += ref[i] * ref[i];
                double d = ref[i] - out[i];
                err += d * d;
            }
            double snr = 10 * Math.log10(sig / err);
            worstSnr = Math.min(worstSnr, snr);
            report.add(String.format("%s %.1f dB", name, snr));
            assertTrue(snr >= MIN_SNR_DB, name + ": SNR " + snr + " dB");
        }
        System.out.println("[reference] resampling vs resample_poly, SNR (worst " + String.format("%.1f", worstSnr)
                + " dB): " + String.join("; ", report));
    }
}
