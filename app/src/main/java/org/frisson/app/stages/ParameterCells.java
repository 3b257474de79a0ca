package org.frisson.app.stages;

import org.frisson.stage.Parameter;
import org.frisson.stage.ParameterType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A declared parameter's table cells as people read them: default, range or allowed values. */
final class ParameterCells {

    private ParameterCells() {
    }

    /** {@code required}, {@code none}, or the default as YAML would write it. */
    static String defaultValue(Parameter<?> p) {
        if (p.isRequired()) {
            return "required";
        }
        return p.defaultValue() == null ? "none" : yaml(p.defaultValue());
    }

    /** Whether {@link #defaultValue} is a value (rather than {@code required} or {@code none}). */
    static boolean hasDefault(Parameter<?> p) {
        return p.defaultValue() != null;
    }

    /** The range ({@code > 0}) or the allowed values ({@code periodogram, seed}); empty when any value will do. */
    static String range(Parameter<?> p) {
        if (!p.allowed().isEmpty()) {
            return String.join(", ", p.allowed());
        }
        return p.range() == null ? "" : p.range().toString();
    }

    /** A value in YAML's flow style: {@code 4}, {@code [1, 4]}, {@code {delta: [1, 4]}}. */
    static String yaml(Object value) {
        if (value instanceof Double d) {
            return ParameterType.number(d);
        }
        if (value instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            l.forEach(v -> items.add(yaml(v)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof Map<?, ?> m) {
            List<String> entries = new ArrayList<>();
            m.forEach((k, v) -> entries.add(k + ": " + yaml(v)));
            return "{" + String.join(", ", entries) + "}";
        }
        return String.valueOf(value);
    }
}
