package org.frisson.models;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chunked Encodec equals whole-signal Encodec: 20 s of music-like audio through the encoder in one patch, and
 * through {@link LatentStream} in 10 ms chunks with the file's default window (32 frames of left context plus
 * 75 new frames). The LSTM's memory never ends, so "equal" is a tolerance: with the random-init weights the
 * difference reaches float rounding (about 1e-7, latents of magnitude 0.1) from 32 frames of context on;
 * {@link #TOLERANCE} leaves room for other CPUs. With too little context the difference is plainly larger.
 */
class EncodecStreamingTest {

    static final double TOLERANCE = 1e-5;
    static final int RATE = 24000;
    static final int FRAMES = 1500; // 20 s at 75 Hz
    static float[] audio;
    static float[][] whole;

    @BeforeAll
    static void wholeSignal() throws Exception {
        audio = music(FRAMES * 320, 7);
        try (OnnxEmbedder e = OnnxEmbedder.open(TestModels.encodecRandom(), List.of("latent"), 1, FRAMES)) {
            float[][] out = {new float[e.outputSize(0)]};
            e.embed(audio, out);
            whole = frames(out[0], FRAMES);
        }
    }

    /** Notes of a few harmonics changing every 0.4 s, a slow swell, and noise bursts as drums. */
    static float[] music(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        double f = 220;
        for (int i = 0; i < n; i++) {
            if (i % (RATE * 2 / 5) == 0) {
                f = 110 * Math.pow(2, r.nextInt(24) / 12.0);
            }
            double t = i / (double) RATE;
            double note = 0;
            for (int h = 1; h <= 4; h++) {
                note += Math.sin(2 * Math.PI * f * h * t) / h;
            }
            double swell = 0.5 + 0.4 * Math.sin(2 * Math.PI * 0.1 * t);
            double beat = (i % (RATE / 2)) < 1200 ? r.nextGaussian() * (1 - (i % (RATE / 2)) / 1200.0) : 0;
            x[i] = (float) (0.25 * swell * note + 0.2 * beat);
        }
        return x;
    }

    /** A [128, frames] latent, channels first, as frames of 128 values. */
    static float[][] frames(float[] latent, int frames) {
        float[][] y = new float[frames][128];
        for (int c = 0; c < 128; c++) {
            for (int j = 0; j < frames; j++) {
                y[j][c] = latent[c * frames + j];
            }
        }
        return y;
    }

    /** Max |chunked - whole| over all frames, with {@code context} frames of left context and 75 new per patch. */
    static double chunkedDifference(int context) throws Exception {
        int hop = 75;
        try (OnnxEmbedder e = OnnxEmbedder.open(TestModels.encodecRandom(), List.of("latent"), 1, context + hop)) {
            LatentStream s = new LatentStream(e, "latent", RATE, hop);
            assertEquals(context, s.contextFrames());
            double[] worst = {0};
            long[] next = {0};
            LatentStream.Sink sink = (i, v) -> {
                assertEquals(next[0]++, i, "frames in order, each once");
                for (int c = 0; c < v.length; c++) {
                    worst[0] = Math.max(worst[0], Math.abs(v[c] - whole[(int) i][c]));
                }
            };
            for (int off = 0; off < audio.length; off += 240) {
                s.feed(audio, off, Math.min(240, audio.length - off), sink);
            }
            s.flush(sink);
            assertEquals(FRAMES, next[0], "every latent frame of the whole signal");
            return worst[0];
        }
    }

    @Test
    void defaultWindowMatchesTheWholeSignalWithinTolerance() throws Exception {
        int context;
        try (OnnxEmbedder e = OnnxEmbedder.open(TestModels.encodecRandom(), List.of("latent"), 1)) {
            context = e.spec().windowFrames() - e.spec().hopFrames();
        }
        assertEquals(32, context);
        double scale = 0;
        for (float[] f : whole) {
            for (float v : f) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double d = chunkedDifference(context);
        System.out.printf("encodec chunked vs whole, 20 s, context %d frames: max |diff| %.2e (latent max |x| %.3f)%n",
                context, d, scale);
        assertTrue(scale > 0.01, "the latent is not trivially small: " + scale);
        assertTrue(d <= TOLERANCE, "max |chunked - whole| = " + d);
    }

    @Test
    void tooLittleContextIsVisiblyDifferent() throws Exception {
        double d = chunkedDifference(4);
        System.out.printf("encodec chunked vs whole, 20 s, context 4 frames: max |diff| %.2e%n", d);
        assertTrue(d > 100 * TOLERANCE, "4 frames of context should not be enough, yet max |diff| = " + d);
    }
}
