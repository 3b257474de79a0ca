package org.frisson.stage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What actually computes a stage's channels: the model or embedder that runs, its weights and what it was
 * trained on. When that is not what a reader of the numbers would assume (another embedder standing in, random
 * weights, a model trained on simulated listeners, a model switched off), {@code notice} says so in one
 * sentence; the pipeline then logs it at start and writes it, with the rest, into the {@code <desc>} of every
 * output the stage's results reach (directly or through stages that read it), into {@code frisson.health},
 * recordings and the dashboards.
 *
 * @param stage     the stage's name in the config
 * @param component the model or embedder that runs, e.g. {@code musicnn MTT_musicnn}, {@code acoustic},
 *                  {@code models/default/chills.onnx}
 * @param weights   {@code pretrained}, {@code trained}, {@code random-init}, {@code none} or {@code off}
 * @param trainedOn what the weights were fitted to, e.g. {@code simulated-cohort}; "" when not known
 * @param notice    "" when nothing needs saying, otherwise the sentence to show
 */
public record Provenance(String stage, String component, String weights, String trainedOn, String notice) {

    public Provenance {
        if (stage == null || stage.isEmpty() || component == null || component.isEmpty()) {
            throw new IllegalArgumentException("provenance needs a stage and a component");
        }
        weights = weights == null ? "" : weights;
        trainedOn = trainedOn == null ? "" : trainedOn;
        notice = notice == null ? "" : notice;
    }

    /** Whether a reader must be told (a stand-in, random weights, simulated training data, a model off). */
    public boolean flagged() {
        return !notice.isEmpty();
    }

    /** The fields as {@code <desc>} children, in a fixed order. */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("stage", stage);
        f.put("component", component);
        f.put("weights", weights);
        f.put("trained_on", trainedOn);
        f.put("notice", notice);
        return f;
    }

    /** The one line the log and the dashboards show for a flagged provenance. */
    public String line() {
        return stage + ": " + notice;
    }
}
