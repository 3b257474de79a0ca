package org.frisson.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stage's parameters as written in the config file, with typed getters whose errors name the stage
 * and the key. Keys a stage never reads are reported by {@link #unread()}, so a typo does not pass
 * silently.
 */
public final class Params {

    private final String where;
    private final Map<String, Object> values;
    private final Set<String> read = new TreeSet<>();

    /** @param where names the owner in messages, e.g. {@code "configs/lab.yaml: stages.eeg_de"} */
    public Params(String where, Map<String, Object> values) {
        this.where = where;
        this.values = values == null ? Map.of() : values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public double getDouble(String key, double fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(key, "a number", v);
    }

    public int getInt(String key, int fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).intValue();
        }
        throw wrong(key, "a whole number", v);
    }

    public String getString(String key, String fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrong(key, "a string", v);
    }

    public boolean getBoolean(String key, boolean fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(key, "true or false", v);
    }

    /** A map of named entries, e.g. frequency bands {@code {alpha: [8, 14], ...}}; insertion order kept. */
    public Map<String, Object> getMap(String key) {
        Object v = raw(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw wrong(key, "a map", v);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) m;
        return typed;
    }

    /** Fails unless {@code key} is set. */
    public void require(String key) {
        if (raw(key) == null) {
            throw new StageConfigException(where + ": missing required key '" + key + "'");
        }
    }

    /** Keys present in the config that no getter asked for. */
    public List<String> unread() {
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!read.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Where these parameters come from (for messages). */
    public String where() {
        return where;
    }

    private Object raw(String key) {
        read.add(key);
        return values.get(key);
    }

    private StageConfigException wrong(String key, String expected, Object got) {
        return new StageConfigException(where + ": key '" + key + "' must be " + expected + ", got '" + got + "'");
    }
}
