package org.frisson.pipeline;

import org.frisson.stage.Parameter;
import org.frisson.stage.Params;
import org.frisson.stage.Stage;
import org.frisson.stage.StageConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The kinds of stage installed (every implementation listed in {@code META-INF/services/org.frisson.stage.Stage}),
 * each with its declared parameters, and the check of a config's stage entries against them.
 */
public final class StageCatalog {

    private final Map<String, Supplier<Stage>> kinds;

    private StageCatalog(Map<String, Supplier<Stage>> kinds) {
        this.kinds = kinds;
    }

    /** The stages on the class path. */
    public static StageCatalog installed() {
        Map<String, Supplier<Stage>> kinds = new TreeMap<>();
        for (ServiceLoader.Provider<Stage> p : ServiceLoader.load(Stage.class).stream().toList()) {
            kinds.put(p.get().kind(), p::get);
        }
        return new StageCatalog(kinds);
    }

    /** Every kind, sorted. */
    public List<String> kinds() {
        return List.copyOf(kinds.keySet());
    }

    /**
     * A fresh, unconfigured stage of {@code kind}, also what to ask for its description and parameters.
     *
     * @throws IllegalArgumentException when no stage is of that kind
     */
    public Stage create(String kind) {
        Supplier<Stage> factory = kinds.get(kind);
        if (factory == null) {
            throw new IllegalArgumentException("unknown kind '" + kind + "'" + ClosestName.to(kind, kinds.keySet())
                    .map(k -> " (did you mean '" + k + "'?)").orElse("") + " (known: "
                    + String.join(", ", kinds.keySet()) + ")");
        }
        return factory.get();
    }

    /**
     * Checks every stage entry of {@code config} against its kind's declarations: the kind exists, every key is
     * declared, every value fits its declaration and every required key is set.
     *
     * @throws PipelineConfig.ConfigException naming the file, the stage, the key, what was expected and what came
     */
    public void validate(PipelineConfig config) {
        for (PipelineConfig.StageEntry entry : config.stages()) {
            String where = where(config, entry);
            Stage stage;
            try {
                stage = create(entry.kind());
            } catch (IllegalArgumentException e) {
                throw new PipelineConfig.ConfigException(where + ": " + e.getMessage());
            }
            List<Parameter<?>> declared = stage.parameters();
            List<String> names = new ArrayList<>();
            declared.forEach(p -> names.add(p.name()));
            for (String key : entry.params().keySet()) {
                if (!names.contains(key)) {
                    throw new PipelineConfig.ConfigException(where + ": unknown key '" + key + "' ("
                            + ClosestName.to(key, names).map(n -> "did you mean '" + n + "'?")
                            .orElse(entry.kind() + " takes: " + String.join(", ", names)) + ")");
                }
            }
            Params params = new Params(where, entry.params(), declared);
            try {
                declared.forEach(params::get);
            } catch (StageConfigException e) {
                throw new PipelineConfig.ConfigException(e.getMessage());
            }
        }
    }

    /**
     * What {@code key} is for {@code entry}: the value its config sets, or the default its kind declares (null when
     * it has none), for tools that follow a config without running it.
     *
     * @throws IllegalArgumentException when the kind is unknown or does not declare {@code key}
     */
    public Object value(PipelineConfig.StageEntry entry, String key) {
        for (Parameter<?> p : create(entry.kind()).parameters()) {
            if (p.name().equals(key)) {
                Object set = entry.params().get(key);
                return set != null ? set : p.defaultValue();
            }
        }
        throw new IllegalArgumentException("stage kind '" + entry.kind() + "' has no key '" + key + "'");
    }

    /** How messages name a stage entry: {@code configs/lab.yaml: stage 'eda'}. */
    static String where(PipelineConfig config, PipelineConfig.StageEntry entry) {
        return config.file() + ": stage '" + entry.name() + "'";
    }
}
