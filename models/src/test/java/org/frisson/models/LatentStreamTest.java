package org.frisson.models;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which latent frames a patch delivers, on a memoryless waveform model (each latent frame is the mean of its
 * 4 samples, and twice that): every frame once, in order, equal to the whole signal's, whatever the chunking.
 */
class LatentStreamTest {

    @TempDir
    static Path dir;
    static Path wave;

    @BeforeAll
    static void makeModel() throws Exception {
        wave = TestModels.tiny(dir.resolve("wave.onnx"), "--waveform", "4");
    }

    /** (index, first value, second value) of every delivered frame. */
    static List<double[]> run(Embedder e, float[] audio, int hop, int seed) {
        List<double[]> got = new ArrayList<>();
        LatentStream s = new LatentStream(e, "latent", 8000, hop);
        LatentStream.Sink sink = (i, v) -> got.add(new double[] {i, v[0], v[1]});
        Random r = new Random(seed);
        for (int off = 0; off < audio.length; ) {
            int n = Math.min(audio.length - off, 1 + r.nextInt(23));
            s.feed(audio, off, n, sink);
            off += n;
        }
        s.flush(sink);
        assertEquals(got.size(), s.delivered());
        return got;
    }

    @Test
    void everyFrameOnceInOrderWithTheWholeSignalsValues() {
        float[] audio = new float[4 * 29 + 3]; // 29 whole frames and 3 samples of a 30th
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) Math.sin(0.37 * i) + 0.01f * i;
        }
        try (OnnxEmbedder e = OnnxEmbedder.open(wave, List.of(), 1)) {
            for (int hop : new int[] {1, 3, 4, 6}) { // window 6: context 5, 3, 2 and 0 frames
                for (int seed = 0; seed < 3; seed++) {
                    List<double[]> got = run(e, audio, hop, seed);
                    assertEquals(29, got.size(), "hop " + hop);
                    for (int j = 0; j < 29; j++) {
                        double mean = (audio[4 * j] + audio[4 * j + 1] + audio[4 * j + 2] + audio[4 * j + 3]) / 4.0;
                        assertEquals(j, got.get(j)[0], "hop " + hop);
                        assertEquals(mean, got.get(j)[1], 1e-5, "frame " + j + " hop " + hop);
                        assertEquals(2 * mean, got.get(j)[2], 1e-5, "frame " + j + " hop " + hop);
                    }
                }
            }
        }
    }

    @Test
    void shorterThanOneWindowGivesNothingAndResetStartsOver() {
        try (OnnxEmbedder e = OnnxEmbedder.open(wave, List.of(), 1)) {
            assertEquals(0, run(e, new float[4 * 6 - 1], 4, 0).size());
            LatentStream s = new LatentStream(e, "latent", 8000, 4);
            List<Long> seen = new ArrayList<>();
            s.feed(new float[40], 0, 40, (i, v) -> seen.add(i));
            s.reset();
            s.feed(new float[24], 0, 24, (i, v) -> seen.add(i));
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 0L, 1L, 2L, 3L, 4L, 5L), seen);
        }
    }

    @Test
    void resampledInputGivesFramesAtTheModelsRate() {
        float[] audio = new float[16000]; // 1 s at 16 kHz: 8000 model samples, 2000 frames
        for (int i = 0; i < audio.length; i++) {
            audio[i] = 0.5f;
        }
        try (OnnxEmbedder e = OnnxEmbedder.open(wave, List.of(), 1)) {
            List<double[]> got = new ArrayList<>();
            LatentStream s = new LatentStream(e, "latent", 16000, 4);
            s.feed(audio, 0, audio.length, (i, v) -> got.add(new double[] {i, v[0]}));
            s.flush((i, v) -> got.add(new double[] {i, v[0]}));
            assertEquals(2000, got.size(), 2);
            assertEquals(0.5, got.get(1000)[1], 1e-3); // away from the resampler's edges, the constant
        }
    }

    @Test
    void feedingAllocatesNothingBeyondOnnxRuntimesPerRunResult() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        float[] audio = new float[16000];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) Math.sin(0.01 * i);
        }
        try (OnnxEmbedder e = OnnxEmbedder.open(wave, List.of(), 1)) {
            LatentStream s = new LatentStream(e, "latent", 8000, 4);
            double[] sum = {0};
            LatentStream.Sink sink = (i, v) -> sum[0] += v[0];
            for (int round = 0; round < 20; round++) { // warm up
                s.feed(audio, 0, audio.length, sink);
            }
            // between two patches (one every 16 samples): not a byte
            s.reset();
            s.feed(audio, 0, 24, sink);
            long before = mx.getCurrentThreadAllocatedBytes();
            s.feed(audio, 24, 15, sink);
            assertEquals(0, mx.getCurrentThreadAllocatedBytes() - before, "bytes allocated between patches");
            // per patch: ONNX Runtime's result object and its bookkeeping only
            long start = mx.getCurrentThreadAllocatedBytes();
            long delivered = s.delivered();
            s.feed(audio, 0, audio.length, sink);
            long patches = (s.delivered() - delivered) / 4;
            double perPatch = (mx.getCurrentThreadAllocatedBytes() - start) / (double) patches;
            System.out.printf("LatentStream: %.0f bytes allocated per patch (%d patches)%n", perPatch, patches);
            assertTrue(patches >= 999 && perPatch < 2048, perPatch + " bytes per patch");
        }
    }

    @Test
    void outputWithoutTimeAxisOrHopBeyondWindowIsRefused() throws Exception {
        try (OnnxEmbedder e = OnnxEmbedder.open(TestModels.tiny(dir.resolve("logmel.onnx")), List.of(), 1)) {
            assertThrows(IllegalArgumentException.class, () -> new LatentStream(e, "taggram", 16000, 4));
        }
        try (OnnxEmbedder e = OnnxEmbedder.open(wave, List.of(), 1)) {
            assertThrows(IllegalArgumentException.class, () -> new LatentStream(e, "latent", 8000, 7));
            assertThrows(IllegalArgumentException.class, () -> new LatentStream(e, "other", 8000, 4));
        }
    }
}
