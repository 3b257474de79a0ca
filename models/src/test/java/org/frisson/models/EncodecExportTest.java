package org.frisson.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.testsupport.VenvPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Encodec 24 kHz encoder export: ONNX equals the Keras model, the Keras model follows the checkpoint's
 * conventions (an independent numpy implementation on the same random checkpoint), the file declares its
 * contract, and the pretrained path says what it needs where it cannot run.
 */
class EncodecExportTest {

    private static final List<String> OUTPUTS = List.of("stage4", "lstm", "latent");

    @TempDir
    Path dir;

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text.strip().lines().reduce((a, b) -> b).orElse("{}"));
    }

    @Test
    void onnxEqualsKerasWithin1e4OfTheScale() throws Exception {
        JsonNode errors = json(VenvPython.runOk(600, "models/python/export_encodec.py", "--verify-only",
                TestModels.encodecRandom().toString()).out());
        for (String o : OUTPUTS) {
            assertTrue(errors.has(o), "no error reported for " + o + ": " + errors);
            double e = errors.get(o).asDouble();
            System.out.printf("encodec %s: max |ONNX - Keras| / scale = %.2e%n", o, e);
            assertTrue(e <= 1e-4, o + ": max |ONNX - Keras| / scale = " + e);
        }
    }

    @Test
    void kerasEqualsTheCheckpointConventionsInNumpy() throws Exception {
        JsonNode errors = json(VenvPython.runOk(600, "models/python/export_encodec.py", "--check-transfer").out());
        for (String o : OUTPUTS) {
            double e = errors.get(o).asDouble();
            System.out.printf("encodec %s: max |Keras - numpy reference| = %.2e%n", o, e);
            assertTrue(e <= 1e-5, o + ": max |Keras - numpy reference| = " + e);
        }
    }

    @Test
    void exportedFileDeclaresItsContract() throws Exception {
        try (OnnxEmbedder e = OnnxEmbedder.open(TestModels.encodecRandom(), List.of(), 1)) {
            EmbedderSpec s = e.spec();
            assertEquals("encodec_24khz", s.model());
            assertEquals("waveform", s.input());
            assertEquals(24000, s.sampleRate());
            assertEquals(75.0, s.frameRate());
            assertEquals(320, s.inputWidth());
            assertEquals(107, s.windowFrames());
            assertEquals(75, s.hopFrames());
            assertEquals("random-init", s.weights());
            assertEquals(OUTPUTS, s.layers());
            assertTrue(s.tags().isEmpty());
            assertArrayEquals(new int[] {128, 107}, s.output("latent").shape());
            assertEquals(1, s.output("latent").timeAxis());
            assertArrayEquals(new int[] {512, 107}, s.output("lstm").shape());
            assertArrayEquals(new int[] {512, 107}, s.output("stage4").shape());
        }
        // T free: one patch may be a whole signal, ceil(T / 320) frames
        try (OnnxEmbedder e = OnnxEmbedder.open(TestModels.encodecRandom(), List.of("latent"), 1, 750)) {
            assertEquals(240000, e.spec().patchValues());
            assertArrayEquals(new int[] {128, 750}, e.spec().output("latent").shape());
        }
    }

    @Test
    void pretrainedExportWithoutPyTorchSaysWhatToInstall() throws Exception {
        Path out = dir.resolve("encodec_24khz.onnx");
        String err = VenvPython.runFailing(120, "models/python/export_encodec.py", "--out", out.toString()).err();
        assertTrue(err.contains("pip install torch encodec") && err.contains("--random-init"), err);
        assertFalse(Files.exists(out));
    }
}
