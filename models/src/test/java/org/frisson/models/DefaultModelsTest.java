package org.frisson.models;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.testsupport.VenvPython;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed demo models in models/default/: the files models.json lists (same SHA-256), each labelled
 * in its metadata as trained on the simulated cohort, and each one the pipeline's stages can load.
 */
class DefaultModelsTest {

    private static final List<String> FILES = List.of("emotion_eeg.onnx", "emotion_music.onnx", "chills.onnx");

    @Test
    void defaultModelsAreTheListedFilesTrainedOnTheSimulatedCohort() throws Exception {
        Path dir = VenvPython.home().resolve("models/default");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("models.json").toFile());
        assertEquals("simulated-cohort", manifest.path("trained_on").path("kind").asText());
        for (String name : FILES) {
            Path file = dir.resolve(name);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            assertEquals(manifest.path("files").path(name).path("sha256").asText(), sha, name + " is not the file models.json lists");
            try (OrtSession s = OrtEnvironment.getEnvironment().createSession(file.toString(),
                    new OrtSession.SessionOptions())) {
                Map<String, String> m = s.getMetadata().getCustomMetadata();
                assertEquals("simulated-cohort", m.get("frisson.trained_on"), name);
                assertEquals("pooled", m.get("frisson.subject"), name);
                assertEquals("trained", m.get("frisson.weights"), name);
            }
            try (OnnxPredictor p = OnnxPredictor.open(file, 1)) {
                assertTrue(p.outputs().size() >= 2, name);
                java.util.Arrays.fill(p.input(), 1.0f);
                p.run();
                for (int i = 0; i < p.outputs().size(); i++) {
                    for (float v : p.output(i)) {
                        assertTrue(Float.isFinite(v), name + " " + p.outputs().get(i) + " gives " + v);
                    }
                }
            }
        }
    }
}
