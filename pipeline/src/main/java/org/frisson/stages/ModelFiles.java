package org.frisson.stages;

import org.frisson.models.ModelFileException;
import org.frisson.models.OnnxPredictor;
import org.frisson.stage.Parameter;
import org.frisson.stage.Provenance;
import org.frisson.stage.StageContext;

import java.nio.file.Path;

/**
 * Opens a stage's model file; a missing or corrupt one is reported and disables the stage (null). What runs is
 * declared as the stage's {@link Provenance}: the file, its weights and training data (a model trained on
 * simulated listeners is flagged), or that the model is off and why.
 */
final class ModelFiles {

    private ModelFiles() {
    }

    /** The file {@code key} names (relative to Frisson's home), loaded and checked; null when it cannot be. */
    static OnnxPredictor open(StageContext context, Parameter<String> key) {
        String name = context.params().get(key);
        if (name == null) {
            return null;
        }
        Path file = Path.of(name);
        if (!file.isAbsolute()) {
            file = context.home().resolve(file);
        }
        try {
            return OnnxPredictor.open(file, 1);
        } catch (ModelFileException e) {
            disabled(context, key, e.getMessage());
            return null;
        }
    }

    /** Declares that {@code model} computes this stage's channels (once its inputs have been checked). */
    static void accepted(StageContext context, OnnxPredictor model) {
        String trainedOn = model.metadata("frisson.trained_on", "");
        String notice = trainedOn.startsWith("simulated")
                ? "demonstration model " + shortName(context, model.file())
                        + ", trained on simulated listeners, not on people"
                : "";
        context.provenance(new Provenance(context.name(), shortName(context, model.file()),
                model.metadata("frisson.weights", "trained"), trainedOn, notice));
    }

    /** Says loudly that part of a stage is off and why; the rest of the pipeline runs on. */
    static void disabled(StageContext context, Parameter<String> key, String why) {
        String named = context.params().get(key);
        context.log().log(System.Logger.Level.ERROR, "key '" + key.name() + "': " + why
                + " -- this model is off, its channels stay NaN; the rest of the pipeline runs");
        context.provenance(new Provenance(context.name(), named == null ? key.name() : named, "off", "",
                "model '" + key.name() + "' is off, its channels are NaN: " + why));
    }

    /** A model file as users name it: relative to Frisson's home when it lies there. */
    private static String shortName(StageContext context, Path file) {
        Path home = context.home().toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        return f.startsWith(home) ? home.relativize(f).toString() : f.toString();
    }
}
