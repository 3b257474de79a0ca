package org.frisson.models;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds an exported MusiCNN model in {@code <home>/.frisson/models/}, exporting it the first time from the
 * musicnn package's pretrained checkpoint ({@code models/python/export_musicnn.py}, through {@link ModelExport}).
 */
public final class MusicnnExport {

    private MusicnnExport() {
    }

    /** The ONNX file of {@code model} (e.g. {@code MTT_musicnn}) under {@code home}. */
    public static Path file(Path home, String model) {
        return home.resolve(".frisson/models").resolve(model + ".onnx");
    }

    /** The exported file, exporting it first when missing. */
    public static Path ensure(Path home, String model, PrintStream log) throws ModelUnavailableException {
        return ModelExport.ensure(home, model, file(home, model), "export_musicnn.py", List.of("--model", model), log);
    }
}
