package org.frisson.models;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcousticEmbedderTest {

    static float[] tones(double amp, double... hz) {
        float[] x = new float[AcousticEmbedder.WINDOW];
        for (int i = 0; i < x.length; i++) {
            double v = 0;
            for (double f : hz) {
                v += amp * Math.sin(2 * Math.PI * f * i / AcousticEmbedder.SAMPLE_RATE);
            }
            x[i] = (float) v;
        }
        return x;
    }

    static float[] embed(float[] x) {
        try (AcousticEmbedder e = new AcousticEmbedder()) {
            float[][] out = {new float[e.outputSize(0)]};
            e.embed(x, out);
            return out[0];
        }
    }

    @Test
    void sineGivesItsRmsAndFrequencyAndNoFlux() {
        float[] d = embed(tones(0.5, 1000));
        assertEquals(0.5 / Math.sqrt(2), d[0], 0.01);
        assertEquals(1000, d[2], 20);
        assertTrue(d[6] < 1, "centroid constant over the patch: sd " + d[6]);
        float[] noise = new float[AcousticEmbedder.WINDOW];
        Random r = new Random(3);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.5 * r.nextGaussian());
        }
        float[] n = embed(noise);
        assertTrue(n[1] > 20 * d[1], "noise flux " + n[1] + " vs steady tone " + d[1]);
        assertEquals(4000, n[2], 300); // white noise: centroid at a quarter of the sample rate
    }

    @Test
    void closeTonesAreRougherThanAnOctaveAndSilenceIsZero() {
        // 100 Hz apart at 2 kHz is near Sethares' roughness maximum there; an octave is smooth
        float[] close = embed(tones(0.3, 2000, 2100));
        float[] octave = embed(tones(0.3, 2000, 4000));
        assertTrue(close[3] > 5 * octave[3], "close " + close[3] + " octave " + octave[3]);
        float[] silent = embed(new float[AcousticEmbedder.WINDOW]);
        for (float v : silent) {
            assertEquals(0, v, 0);
        }
    }

    @Test
    void contractDescribesWaveformPatches() {
        try (AcousticEmbedder e = new AcousticEmbedder()) {
            assertEquals("waveform", e.spec().input());
            assertEquals(48000, e.spec().patchValues());
            assertEquals(3.0, e.spec().windowSeconds());
            assertEquals(8, AcousticEmbedder.labels().size());
        }
    }
}
