package org.frisson.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Exports the pretrained MusiCNN models once per test run into this module's target folder. */
final class TestModels {

    private TestModels() {
    }

    static synchronized Path musicnn(String model) throws IOException, InterruptedException {
        Path file = Venv.home().resolve("models/target/test-models").resolve(model + ".onnx");
        if (!Files.isRegularFile(file)) {
            Files.createDirectories(file.getParent());
            Venv.run("export_musicnn.py", 600, "--model", model, "--out", file.toString());
        }
        return file;
    }
}
