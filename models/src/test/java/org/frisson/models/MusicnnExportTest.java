package org.frisson.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.testsupport.VenvPython;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MusiCNN export: ONNX equals TensorFlow on the checkpoint graph, and the file declares its contract. */
class MusicnnExportTest {

    private static final List<String> OUTPUTS = List.of("taggram", "timbral", "temporal", "cnn1", "cnn2", "cnn3",
            "mean_pool", "max_pool", "penultimate");

    @Test
    void onnxOutputsEqualTensorFlowsWithin1e4OfTheirScale() throws Exception {
        Path dir = Files.createTempDirectory("musicnn-export");
        Path file = dir.resolve("MTT_musicnn.onnx");
        VenvPython.runOk(600, "models/python/export_musicnn.py", "--model", "MTT_musicnn", "--out", file.toString());
        JsonNode errors = new ObjectMapper().readTree(VenvPython.runOk(600, "models/python/export_musicnn.py", "--model",
                "MTT_musicnn", "--verify-only", file.toString()).out());
        for (String o : OUTPUTS) {
            assertTrue(errors.has(o), "no error reported for " + o + ": " + errors);
            double e = errors.get(o).asDouble();
            assertTrue(e <= 1e-4, o + ": max |ONNX - TF| / scale = " + e);
        }
        Files.delete(file);
        Files.delete(dir);
    }

    @Test
    void exportedFileDeclaresLayersShapesAndTags() throws Exception {
        try (OnnxEmbedder e = OnnxEmbedder.open(TestModels.musicnn("MTT_musicnn"), List.of(), 1)) {
            EmbedderSpec s = e.spec();
            assertEquals("logmel", s.input());
            assertEquals(16000, s.sampleRate());
            assertEquals(62.5, s.frameRate());
            assertEquals(187, s.windowFrames());
            assertEquals(96, s.inputWidth());
            assertEquals("pretrained", s.weights());
            assertEquals(OUTPUTS.subList(1, OUTPUTS.size()), s.layers());
            assertEquals(50, s.tags().size());
            assertEquals("guitar", s.tags().get(0));
            assertArrayEquals(new int[] {50}, s.output("taggram").shape());
            assertArrayEquals(new int[] {187, 408}, s.output("timbral").shape());
            assertArrayEquals(new int[] {187, 153}, s.output("temporal").shape());
            for (String c : List.of("cnn1", "cnn2", "cnn3")) {
                assertArrayEquals(new int[] {187, 64}, s.output(c).shape());
            }
            assertArrayEquals(new int[] {753}, s.output("mean_pool").shape());
            assertArrayEquals(new int[] {753}, s.output("max_pool").shape());
            assertArrayEquals(new int[] {200}, s.output("penultimate").shape());
        }
    }
}
