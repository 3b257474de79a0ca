package org.frisson.models;

import org.frisson.testsupport.VenvPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model file's provenance read from its metadata; missing and corrupt files are named errors. */
class ModelProvenanceTest {

    @TempDir
    Path dir;

    @Test
    void defaultModelSaysWhatItWasTrainedOn() {
        ModelProvenance p = ModelProvenance.read(VenvPython.home().resolve("models/default/chills.onnx"));
        assertEquals("trained", p.weights());
        assertEquals("simulated-cohort", p.get(ModelProvenance.TRAINED_ON, "unknown"));
        assertEquals("fallback", p.get("frisson.no_such_key", "fallback"));
    }

    @Test
    void missingOrCorruptFilesAreNamed() throws Exception {
        Path missing = dir.resolve("missing.onnx");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelProvenance.read(missing));
        assertTrue(e.getMessage().startsWith(missing + ": file"), e.getMessage());
        Path corrupt = Files.writeString(dir.resolve("corrupt.onnx"), "not a model");
        e = assertThrows(ModelFileException.class, () -> ModelProvenance.read(corrupt));
        assertEquals("onnx", e.field());
    }
}
