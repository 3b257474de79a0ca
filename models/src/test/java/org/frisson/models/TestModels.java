package org.frisson.models;

import org.frisson.testsupport.VenvPython;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Exports the pretrained MusiCNN models and the random-init Encodec encoder once per test run into this module's target folder. */
final class TestModels {

    private TestModels() {
    }

    /** A tiny test model from {@code make_test_model.py} (see its options). */
    static Path tiny(Path file, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("models/python/make_test_model.py", file.toString()));
        command.addAll(List.of(args));
        VenvPython.runOk(120, command.toArray(String[]::new));
        return file;
    }

    static synchronized Path musicnn(String model) throws IOException, InterruptedException {
        Path file = VenvPython.home().resolve("models/target/test-models").resolve(model + ".onnx");
        if (!Files.isRegularFile(file)) {
            Files.createDirectories(file.getParent());
            VenvPython.runOk(600, "models/python/export_musicnn.py", "--model", model, "--out", file.toString());
        }
        return file;
    }

    /** The Encodec 24 kHz encoder with the export's default seeded random weights. */
    static synchronized Path encodecRandom() throws IOException, InterruptedException {
        Path file = VenvPython.home().resolve("models/target/test-models/encodec_24khz-random.onnx");
        if (!Files.isRegularFile(file)) {
            Files.createDirectories(file.getParent());
            VenvPython.runOk(600, "models/python/export_encodec.py", "--random-init", "--out", file.toString());
        }
        return file;
    }
}
