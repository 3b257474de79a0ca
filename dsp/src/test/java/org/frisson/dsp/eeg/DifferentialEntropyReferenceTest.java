package org.frisson.dsp.eeg;

import org.frisson.dsp.FeatureFrames;
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
 * Streaming DE against the Python reference on random and simulated EEG: the periodogram definition
 * against {@code scipy.signal.periodogram} summed over each band, the SEED definition against a numpy
 * transcription of the SEED MATLAB code. Input is fed in chunks of random sizes.
 */
class DifferentialEntropyReferenceTest {

    /** Max abs error between Frisson's and the reference's DE values (nats, or log2 units for SEED). */
    static final double TOLERANCE = 1e-9;

    @TempDir
    static Path dir;
    static Map<String, String> manifest;

    @BeforeAll
    static void runReference() {
        PythonReference.run("de", dir);
        manifest = PythonReference.manifest(dir);
    }

    @Test
    void everyCaseMatchesTheReference() {
        List<String> report = new ArrayList<>();
        for (String name : manifest.get("cases").split(",")) {
            double err = compare(name);
            report.add(name + " max abs error " + err);
            assertTrue(err <= TOLERANCE, name + ": max abs error " + err + " > " + TOLERANCE);
        }
        System.out.println("[reference] DE: " + String.join("; ", report));
    }

    private double compare(String name) {
        double fs = Double.parseDouble(manifest.get(name + ".fs"));
        int channels = Integer.parseInt(manifest.get(name + ".channels"));
        List<FrequencyBand> bands = new ArrayList<>();
        for (String b : manifest.get(name + ".bands").split(",")) {
            String[] p = b.split(":");
            bands.add(new FrequencyBand(p[0], Double.parseDouble(p[1]), Double.parseDouble(p[2])));
        }
        boolean seed = manifest.get(name + ".method").equals("seed");
        DifferentialEntropy de = DifferentialEntropy.builder(channels, fs)
                .method(seed ? DifferentialEntropy.Method.SEED : DifferentialEntropy.Method.PERIODOGRAM)
                .windowSeconds(Double.parseDouble(manifest.get(name + ".window")))
                .hopSeconds(Double.parseDouble(manifest.get(name + ".hop")))
                .fftLength(Integer.parseInt(manifest.get(name + ".nfft")))
                .bands(bands)
                .build();
        double[] input = PythonReference.read(dir.resolve(name + ".input.f64"));
        double[] ref = PythonReference.read(dir.resolve(name + ".de.f64"));
        int samples = input.length / channels;
        int expectedFrames = Integer.parseInt(manifest.get(name + ".frames"));
        FeatureFrames out = new FeatureFrames(de.width(), 64);
        SplittableRandom rnd = new SplittableRandom(name.hashCode());
        int pos = 0, frame = 0;
        double err = 0;
        while (pos < samples) {
            int n = Math.min(samples - pos, 1 + rnd.nextInt(40));
            out.clear();
            de.process(input, pos * channels, n, out);
            pos += n;
            for (int f = 0; f < out.size(); f++, frame++) {
                assertEquals(de.windowSamples() + (long) frame * de.hopSamples(), out.endSample(f),
                        name + ": end of frame " + frame);
                for (int i = 0; i < de.width(); i++) {
                    assertEquals(0, out.flags(f, i));
                    err = Math.max(err, Math.abs(out.value(f, i) - ref[frame * de.width() + i]));
                }
            }
        }
        assertEquals(expectedFrames, frame, name + ": number of frames");
        return err;
    }
}
