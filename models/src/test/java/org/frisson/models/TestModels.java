package org.frisson.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Exports the pretrained MusiCNN models and the random-init Encodec encoder once per test run into this module's target folder. */
final class TestModels {

    private TestModels() {
    }

    /** A tiny test model from {@code make_test_model.py} (see its options). */
    static Path tiny(Path file, String... args) throws IOException, InterruptedException {
        String[] all = new String[args.length + 1];
        all[0] = file.toString();
        System.arraycopy(args, 0, all, 1, args.length);
        Venv.run("make_test_model.py", 120, all);
        return file;
    }

    static synchronized Path musicnn(String model) throws IOException, InterruptedException {
        Path file = Venv.home().resolve("models/target/test-models").resolve(model + ".onnx");
        if (!Files.isRegularFile(file)) {
            Files.createDirectories(file.getParent());
            Venv.run("export_musicnn.py", 600, "--model", model, "--out", file.toString());
        }
        return file;
    }

    /** The Encodec 24 kHz encoder with the export's default seeded random weights. */
    static synchronized Path encodecRandom() throws IOException, InterruptedException {
        Path file = Venv.home().resolve("models/target/test-models/encodec_24khz-random.onnx");
        if (!Files.isRegularFile(file)) {
            Files.createDirectories(file.getParent());
            Venv.run("export_encodec.py", 600, "--random-init", "--out", file.toString());
        }
        return file;
    }
}
