package org.frisson.models;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading checks on small ONNX files generated with the onnx package: good, truncated, mismatching. */
class OnnxEmbedderValidationTest {

    @TempDir
    static Path dir;
    static Path good;

    @BeforeAll
    static void makeGood() throws Exception {
        good = tiny("good.onnx");
    }

    static Path tiny(String name, String... args) throws Exception {
        return TestModels.tiny(dir.resolve(name), args);
    }

    static ModelFileException refused(Path f) {
        return assertThrows(ModelFileException.class, () -> OnnxEmbedder.open(f, List.of(), 1).close());
    }

    @Test
    void goodFileComputesWhatItsGraphSays() {
        try (OnnxEmbedder e = OnnxEmbedder.open(good, List.of("layer", "taggram"), 1)) {
            assertEquals(List.of("low", "high"), e.spec().tags());
            assertEquals(12, e.outputSize(0));
            float[] patch = new float[12];
            for (int i = 0; i < patch.length; i++) {
                patch[i] = i;
            }
            float[][] out = {new float[12], new float[2]};
            for (int round = 0; round < 2; round++) { // buffers are reused: the second patch must not see the first
                e.embed(patch, out);
                for (int i = 0; i < 12; i++) {
                    assertEquals(2 * patch[i], out[0][i], 1e-6);
                }
                // taggram = sigmoid(mean over frames @ proj), proj[f][t] = (2f + t) / 10
                for (int t = 0; t < 2; t++) {
                    double logit = 0;
                    for (int f = 0; f < 3; f++) {
                        double mean = 0;
                        for (int w = 0; w < 4; w++) {
                            mean += patch[w * 3 + f] / 4.0;
                        }
                        logit += mean * (2 * f + t) / 10.0;
                    }
                    assertEquals(1 / (1 + Math.exp(-logit)), out[1][t], 1e-6);
                }
                for (int i = 0; i < patch.length; i++) {
                    patch[i] = -i * 0.5f;
                }
            }
        }
    }

    @Test
    void truncatedFileIsRefusedNamingTheFile() throws Exception {
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("truncated.onnx");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        ModelFileException e = refused(cut);
        assertEquals(cut, e.file());
        assertEquals("onnx", e.field());
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    @Test
    void missingFileIsRefused() {
        Path none = dir.resolve("none.onnx");
        assertEquals("file", refused(none).field());
    }

    @Test
    void wrongInputNameIsRefusedNamingTheInput() throws Exception {
        ModelFileException e = refused(tiny("wrong-input.onnx", "--input-name", "mel"));
        assertEquals("input logmel", e.field());
        assertTrue(e.getMessage().contains("[mel]"), e.getMessage());
    }

    @Test
    void fileWithoutMetadataIsRefusedNamingTheKey() throws Exception {
        assertEquals("frisson.kind", refused(tiny("bare.onnx", "--no-metadata")).field());
    }

    @Test
    void eachMissingOrWrongKeyIsNamed() throws Exception {
        assertEquals("frisson.window_frames",
                refused(tiny("no-window.onnx", "--drop", "frisson.window_frames")).field());
        assertEquals("input logmel", refused(tiny("short-window.onnx", "--set", "frisson.window_frames=5")).field());
        assertEquals("frisson.sample_rate", refused(tiny("bad-rate.onnx", "--set", "frisson.sample_rate=fast")).field());
        assertEquals("frisson.layers", refused(tiny("bad-layer.onnx", "--set", "frisson.layers=layer,cnn9")).field());
        assertEquals("frisson.tags", refused(tiny("bad-tags.onnx", "--set", "frisson.tags=a,b,c")).field());
        assertEquals("frisson.kind", refused(tiny("classifier.onnx", "--set", "frisson.kind=classifier")).field());
        assertEquals("frisson.mel_bands", refused(tiny("bands.onnx", "--set", "frisson.mel_bands=64")).field());
    }

    @Test
    void unknownRequestedOutputIsRefused() {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> OnnxEmbedder.open(good, List.of("penultimate"), 1));
        assertEquals("output penultimate", e.field());
    }

    @Test
    void waveformModelHasFramesOfHopLengthSamplesAndATimeAxis() throws Exception {
        try (OnnxEmbedder e = OnnxEmbedder.open(tiny("wave.onnx", "--waveform", "4"), List.of(), 1)) {
            EmbedderSpec s = e.spec();
            assertEquals("waveform", s.input());
            assertEquals(4, s.inputWidth());
            assertEquals(2000.0, s.frameRate());
            assertEquals(6, s.windowFrames());
            assertEquals(4, s.hopFrames());
            assertEquals(24, s.patchValues());
            assertArrayEquals(new int[] {2, 6}, s.output("latent").shape());
            assertEquals(1, s.output("latent").timeAxis());
            assertEquals(2, s.output("latent").valuesPerFrame());
            float[] patch = new float[24];
            float[][] out = {new float[12]};
            for (int round = 0; round < 2; round++) { // reused buffers: the second patch must not see the first
                for (int i = 0; i < patch.length; i++) {
                    patch[i] = round == 0 ? i : -3 * i;
                }
                e.embed(patch, out);
                for (int j = 0; j < 6; j++) {
                    double mean = (patch[4 * j] + patch[4 * j + 1] + patch[4 * j + 2] + patch[4 * j + 3]) / 4.0;
                    assertEquals(mean, out[0][j], 1e-5);
                    assertEquals(2 * mean, out[0][6 + j], 1e-5);
                }
            }
        }
    }

    @Test
    void freeLengthModelTakesAnotherWindowAboveItsMinimum() throws Exception {
        Path wave = tiny("wave-window.onnx", "--waveform", "4");
        try (OnnxEmbedder e = OnnxEmbedder.open(wave, List.of(), 1, 10)) {
            assertEquals(40, e.spec().patchValues());
            assertArrayEquals(new int[] {2, 10}, e.spec().output("latent").shape());
            float[][] out = {new float[20]};
            float[] patch = new float[40];
            java.util.Arrays.fill(patch, 0.5f);
            e.embed(patch, out);
            assertEquals(1.0, out[0][19], 1e-6);
        }
        IllegalArgumentException shortWindow = assertThrows(IllegalArgumentException.class,
                () -> OnnxEmbedder.open(wave, List.of(), 1, 1));
        assertTrue(shortWindow.getMessage().contains("frisson.min_window_frames"), shortWindow.getMessage());
        IllegalArgumentException fixed = assertThrows(IllegalArgumentException.class,
                () -> OnnxEmbedder.open(good, List.of(), 1, 5));
        assertTrue(fixed.getMessage().startsWith(good.toString()) && fixed.getMessage().contains("fixed at 4"),
                fixed.getMessage());
    }

    @Test
    void waveformMismatchesAreNamed() throws Exception {
        // the graph frames by 4 samples, the metadata claims 5: 8 frames x 5 samples give 10 latent frames
        ModelFileException hop = refused(tiny("wave-hop.onnx", "--waveform", "4", "--set", "frisson.hop_length=5",
                "--set", "frisson.frame_rate=1600", "--set", "frisson.window_frames=8"));
        assertEquals("output latent", hop.field());
        assertTrue(hop.getMessage().contains("[1, 2, 10]"), hop.getMessage());
        assertEquals("frisson.frame_rate", refused(tiny("wave-rate.onnx", "--waveform", "4", "--set",
                "frisson.frame_rate=75")).field());
        assertEquals("frisson.hop_frames", refused(tiny("wave-longhop.onnx", "--waveform", "4", "--set",
                "frisson.hop_frames=7")).field());
        // 6 frames of 3 samples cannot be framed by 4: the silent patch at load does not run
        assertEquals("input waveform", refused(tiny("wave-short.onnx", "--waveform", "4", "--set",
                "frisson.hop_length=3", "--set", "frisson.frame_rate=2666.6666666666665")).field());
    }

    @Test
    void shapesComeFromTheGraph() {
        try (OnnxEmbedder e = OnnxEmbedder.open(good, List.of(), 1)) {
            assertArrayEquals(new int[] {4, 3}, e.spec().output("layer").shape());
            assertEquals(4, e.spec().windowFrames());
            assertEquals(3, e.spec().inputWidth());
        }
    }
}
