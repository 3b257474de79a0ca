package org.frisson.stage;

import java.util.List;
import java.util.Map;

/**
 * A stage's parameters as written in the config file, read through the stage's declarations
 * ({@link Stage#parameters()}): each read gives the value set in the config, checked against its declaration,
 * or the declared default. Errors name the stage and the key.
 */
public final class Params {

    private final String where;
    private final Map<String, Object> values;
    private final List<Parameter<?>> declared;

    /**
     * @param where    names the owner in messages, e.g. {@code "configs/lab.yaml: stage 'eeg_de'"}
     * @param declared the stage's declarations; reading any other is a bug in the stage
     */
    public Params(String where, Map<String, Object> values, List<Parameter<?>> declared) {
        this.where = where;
        this.values = values == null ? Map.of() : values;
        this.declared = List.copyOf(declared);
    }

    /**
     * The value of {@code parameter} set in the config, or its default when it is not set (null when it has
     * none).
     *
     * @throws StageConfigException  when the value does not fit the declaration, or a required one is not set
     * @throws IllegalStateException when the stage did not declare {@code parameter}
     */
    public <T> T get(Parameter<T> parameter) {
        if (!declared.contains(parameter)) {
            throw new IllegalStateException(where + ": reads key '" + parameter.name()
                    + "', which the stage does not declare");
        }
        Object raw = values.get(parameter.name());
        if (raw == null) {
            if (parameter.isRequired()) {
                throw new StageConfigException(where + ": missing required key '" + parameter.name() + "'");
            }
            return parameter.defaultValue();
        }
        try {
            return parameter.value(raw);
        } catch (IllegalArgumentException e) {
            throw new StageConfigException(where + ": key '" + parameter.name() + "' " + e.getMessage());
        }
    }

    /** Whether the config sets {@code parameter}. */
    public boolean has(Parameter<?> parameter) {
        return values.get(parameter.name()) != null;
    }

    /** Where these parameters come from (for messages). */
    public String where() {
        return where;
    }
}
