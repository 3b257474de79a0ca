package org.frisson.stage;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What a stage parameter's value is in the config file. Several kinds are strings in YAML but say what they
 * name: an input role, an output, an earlier stage, a file.
 */
public enum ParameterType {
    NUMBER("number", "a number"),
    WHOLE_NUMBER("whole number", "a whole number"),
    BOOLEAN("boolean", "true or false"),
    STRING("string", "a string"),
    MAP("map", "a map"),
    INPUT_ROLE("input role", "the role of an input (a key of inputs:)"),
    OUTPUT("output", "an output (a key of outputs:)"),
    STAGE("stage", "the name of an earlier stage"),
    FILE("file", "a file path (relative ones against Frisson's home)");

    private final String label;
    private final String expected;

    ParameterType(String label, String expected) {
        this.label = label;
        this.expected = expected;
    }

    /** Short name, as in docs: {@code number}, {@code input role}. */
    public String label() {
        return label;
    }

    /** What a value must be, as in errors: {@code a number}. */
    public String expected() {
        return expected;
    }

    /** {@code raw} (as YAML gives it) as this type's Java value, or null when it is not one. */
    Object convert(Object raw) {
        return switch (this) {
            case NUMBER -> raw instanceof Number n ? n.doubleValue() : null;
            case WHOLE_NUMBER -> raw instanceof Integer || raw instanceof Long ? ((Number) raw).intValue() : null;
            case BOOLEAN -> raw instanceof Boolean ? raw : null;
            case MAP -> raw instanceof Map<?, ?> ? raw : null;
            case STRING, INPUT_ROLE, OUTPUT, STAGE, FILE -> raw instanceof String ? raw : null;
        };
    }

    /** A number as people write it: {@code 4}, not {@code 4.0}; at most six significant digits. */
    public static String number(double v) {
        if (Double.isInfinite(v) || Double.isNaN(v)) {
            return String.valueOf(v);
        }
        BigDecimal d = new BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        return d.scale() < 0 ? d.toBigInteger().toString() : d.toPlainString();
    }
}
