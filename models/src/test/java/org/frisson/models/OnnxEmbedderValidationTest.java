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
        Path f = dir.resolve(name);
        String[] all = new String[args.length + 1];
        all[0] = f.toString();
        System.arraycopy(args, 0, all, 1, args.length);
        Venv.run("make_test_model.py", 120, all);
        return f;
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
    void shapesComeFromTheGraph() {
        try (OnnxEmbedder e = OnnxEmbedder.open(good, List.of(), 1)) {
            assertArrayEquals(new int[] {4, 3}, e.spec().output("layer").shape());
            assertEquals(4, e.spec().windowFrames());
            assertEquals(3, e.spec().inputWidth());
        }
    }
}
