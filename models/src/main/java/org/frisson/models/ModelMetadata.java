package org.frisson.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads and checks the {@code frisson.*} metadata_props of a model file; errors name the file and the key. */
final class ModelMetadata {

    static final String KIND = "frisson.kind";
    static final String INPUT = "frisson.input";
    static final String SAMPLE_RATE = "frisson.sample_rate";
    static final String FRAME_RATE = "frisson.frame_rate";
    static final String WINDOW = "frisson.window_frames";
    static final String HOP = "frisson.hop_frames";
    static final String LAYERS = "frisson.layers";
    static final String TAGS = "frisson.tags";
    static final String WEIGHTS = "frisson.weights";
    static final String MODEL = "frisson.model";
    static final String MEL_BANDS = "frisson.mel_bands";
    static final String INPUT_NAME = "frisson.input_name";

    private final Path file;
    private final Map<String, String> props;

    ModelMetadata(Path file, Map<String, String> props) {
        this.file = file;
        this.props = props;
    }

    String string(String key) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            throw new ModelFileException(file, key, "missing from the model's metadata_props");
        }
        return v.trim();
    }

    String string(String key, String fallback) {
        String v = props.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    String oneOf(String key, String... allowed) {
        String v = string(key);
        if (!Arrays.asList(allowed).contains(v)) {
            throw new ModelFileException(file, key, "is '" + v + "', expected one of " + Arrays.toString(allowed));
        }
        return v;
    }

    int positiveInt(String key) {
        String v = string(key);
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelFileException(file, key, "is '" + v + "', expected a positive whole number");
    }

    double positiveDouble(String key) {
        String v = string(key);
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelFileException(file, key, "is '" + v + "', expected a positive number");
    }

    /** A comma list; empty when the key is absent and not required. */
    List<String> list(String key, boolean required) {
        String v = required ? string(key) : string(key, "");
        List<String> out = new ArrayList<>();
        if (v.isEmpty()) {
            return out;
        }
        for (String s : v.split(",")) {
            String t = s.trim();
            if (t.isEmpty()) {
                throw new ModelFileException(file, key, "has an empty entry in '" + v + "'");
            }
            out.add(t);
        }
        return out;
    }
}
