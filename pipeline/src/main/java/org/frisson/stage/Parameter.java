package org.frisson.stage;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One key a stage reads from its config entry, declared once: name, type, default, unit, the values allowed
 * and what it does. Stages list theirs in {@link Stage#parameters()}; the pipeline checks every config entry
 * against them before any stage is configured, the stage reads through them ({@link Params#get}), and
 * {@code frisson stages} documents them.
 *
 * <p>A parameter has a default, or is {@linkplain #required() required}, or has neither (absent means the
 * stage does without it). Declarations are built by the factories below and narrowed by {@link #unit},
 * {@link #range} and {@link #oneOf}, each returning a new declaration:
 *
 * <pre>
 * static final Parameter&lt;Double&gt; WINDOW = Parameter.number("window", 1.0, "seconds of history").unit("s")
 *         .range(Range.above(0));
 * </pre>
 *
 * @param <T> the value's Java type: {@code Double}, {@code Integer}, {@code Boolean}, {@code String} or a map
 */
public final class Parameter<T> {

    private final String name;
    private final ParameterType type;
    private final T defaultValue;
    private final boolean required;
    private final String unit;
    private final Range range;
    private final List<String> allowed;
    private final String description;

    private Parameter(String name, ParameterType type, T defaultValue, boolean required, String unit, Range range,
                      List<String> allowed, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.defaultValue = defaultValue;
        this.required = required;
        this.unit = unit;
        this.range = range;
        this.allowed = allowed;
        this.description = Objects.requireNonNull(description, "description");
    }

    private static <T> Parameter<T> of(String name, ParameterType type, T defaultValue, String description) {
        return new Parameter<>(name, type, defaultValue, false, "", null, List.of(), description);
    }

    public static Parameter<Double> number(String name, double defaultValue, String description) {
        return of(name, ParameterType.NUMBER, defaultValue, description);
    }

    public static Parameter<Integer> wholeNumber(String name, int defaultValue, String description) {
        return of(name, ParameterType.WHOLE_NUMBER, defaultValue, description);
    }

    public static Parameter<Boolean> flag(String name, boolean defaultValue, String description) {
        return of(name, ParameterType.BOOLEAN, defaultValue, description);
    }

    /** A string; {@code defaultValue} null: none. */
    public static Parameter<String> string(String name, String defaultValue, String description) {
        return of(name, ParameterType.STRING, defaultValue, description);
    }

    /** A map of named entries (insertion order kept); {@code defaultValue} null: none. */
    public static Parameter<Map<String, Object>> map(String name, Map<String, Object> defaultValue,
                                                     String description) {
        return of(name, ParameterType.MAP, defaultValue, description);
    }

    /** An input role the stage reads; {@code defaultRole} null: none. */
    public static Parameter<String> input(String name, String defaultRole, String description) {
        return of(name, ParameterType.INPUT_ROLE, defaultRole, description);
    }

    /** An output the stage writes on; {@code defaultOutput} null: none. */
    public static Parameter<String> output(String name, String defaultOutput, String description) {
        return of(name, ParameterType.OUTPUT, defaultOutput, description);
    }

    /** An earlier stage whose result the stage reads; {@code defaultStage} null: none. */
    public static Parameter<String> stage(String name, String defaultStage, String description) {
        return of(name, ParameterType.STAGE, defaultStage, description);
    }

    /** A file or directory; {@code defaultPath} null: none. */
    public static Parameter<String> file(String name, String defaultPath, String description) {
        return of(name, ParameterType.FILE, defaultPath, description);
    }

    /** The same parameter without a default: a config entry must set it. */
    public Parameter<T> required() {
        return new Parameter<>(name, type, null, true, unit, range, allowed, description);
    }

    /** The same parameter in {@code unit} (e.g. {@code s}, {@code µS}). */
    public Parameter<T> unit(String unit) {
        return new Parameter<>(name, type, defaultValue, required, unit, range, allowed, description);
    }

    /** The same numeric parameter limited to {@code range}. */
    public Parameter<T> range(Range range) {
        if (type != ParameterType.NUMBER && type != ParameterType.WHOLE_NUMBER) {
            throw new IllegalArgumentException(name + ": only numbers have a range");
        }
        return new Parameter<>(name, type, defaultValue, required, unit, range, allowed, description);
    }

    /** The same string parameter limited to {@code values}. */
    public Parameter<T> oneOf(List<String> values) {
        if (type.convert("") == null) {
            throw new IllegalArgumentException(name + ": only strings have allowed values");
        }
        return new Parameter<>(name, type, defaultValue, required, unit, range, List.copyOf(values), description);
    }

    public String name() {
        return name;
    }

    public ParameterType type() {
        return type;
    }

    /** The value when the config does not set it; null when the parameter is required or has no default. */
    public T defaultValue() {
        return defaultValue;
    }

    public boolean isRequired() {
        return required;
    }

    /** Empty when the value has no unit. */
    public String unit() {
        return unit;
    }

    /** Null when any value of the type will do. */
    public Range range() {
        return range;
    }

    /** The values a string parameter may take; empty when any will do. */
    public List<String> allowed() {
        return allowed;
    }

    /** One line: what the parameter does, and where its default comes from when a paper or library set it. */
    public String description() {
        return description;
    }

    /**
     * {@code raw} as this parameter's value, checked against its type, range and allowed values.
     *
     * @return null when {@code raw} is null (the key is not set)
     * @throws IllegalArgumentException naming what was expected and what came, e.g.
     *                                  {@code must be a number > 0 (s), got '-1'}
     */
    T value(Object raw) {
        if (raw == null) {
            return null;
        }
        Object v = type.convert(raw);
        boolean fits = v != null && (range == null || range.contains(((Number) v).doubleValue()))
                && (allowed.isEmpty() || allowed.contains(v));
        if (!fits) {
            throw new IllegalArgumentException("must be " + expected() + ", got '" + raw + "'");
        }
        @SuppressWarnings("unchecked")
        T typed = (T) v;
        return typed;
    }

    /** What a value must be: {@code a number > 0 (s)}, {@code one of [periodogram, seed]}. */
    public String expected() {
        if (!allowed.isEmpty()) {
            return "one of " + allowed;
        }
        return type.expected() + (range == null ? "" : " " + range) + (unit.isEmpty() ? "" : " (" + unit + ")");
    }

    @Override
    public String toString() {
        return name + ": " + expected();
    }
}
