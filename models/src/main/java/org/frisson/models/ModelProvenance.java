package org.frisson.models;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a model file says about where it comes from: its {@code frisson.*} metadata_props, read without checking
 * the file against a contract and without running it (e.g. {@code frisson.weights}: {@code pretrained},
 * {@code random-init} or {@code trained}; {@code frisson.trained_on}).
 *
 * @param file     the model file
 * @param metadata every metadata_props entry of the file
 */
public record ModelProvenance(Path file, Map<String, String> metadata) {

    /** The metadata key saying which weights the file holds. */
    public static final String WEIGHTS = ModelMetadata.WEIGHTS;
    /** The metadata key saying what a trained model was trained on. */
    public static final String TRAINED_ON = "frisson.trained_on";

    public ModelProvenance {
        metadata = Map.copyOf(metadata);
    }

    /** Reads the metadata of {@code file}; a missing or unloadable file is a {@link ModelFileException}. */
    public static ModelProvenance read(Path file) {
        try (OrtSession session = OnnxSessions.openForMetadata(file)) {
            return new ModelProvenance(file, session.getMetadata().getCustomMetadata());
        } catch (OrtException e) {
            throw new ModelFileException(file, "onnx", "not a loadable ONNX model (" + e.getMessage() + ")", e);
        }
    }

    /** The value of {@code key}, or {@code fallback} when the file does not have it. */
    public String get(String key, String fallback) {
        String v = metadata.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** {@code frisson.weights}, or {@code unknown} when the file does not say. */
    public String weights() {
        return get(WEIGHTS, "unknown");
    }
}
