package org.frisson.app.stages;

import org.frisson.lsl.LslLibrary;
import org.frisson.models.ModelFileException;
import org.frisson.models.OnnxPredictor;
import org.frisson.stage.Params;

import java.nio.file.Path;

/** Opens a stage's model file; a missing or corrupt one is reported and disables the stage (null). */
final class ModelFiles {

    private ModelFiles() {
    }

    /** The file named by {@code key} (relative to Frisson's home), loaded and checked; null when it cannot be. */
    static OnnxPredictor open(Params p, String key, String fallback) {
        String name = p.getString(key, fallback);
        if (name == null) {
            return null;
        }
        Path file = Path.of(name);
        if (!file.isAbsolute()) {
            file = LslLibrary.frissonHome().resolve(file);
        }
        try {
            return OnnxPredictor.open(file, 1);
        } catch (ModelFileException e) {
            disabled(p, key, e.getMessage());
            return null;
        }
    }

    /** Says loudly that part of a stage is off and why; the rest of the pipeline runs on. */
    static void disabled(Params p, String key, String why) {
        System.err.println("frisson: ERROR " + p.where() + ": key '" + key + "': " + why
                + " -- this model is off, its channels stay NaN; the rest of the pipeline runs");
    }
}
