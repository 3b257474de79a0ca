package org.frisson.pipeline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline described in one YAML file: settings, inputs (LSL queries per role), stages and outputs.
 * Validated at load; every error names the file and the key.
 *
 * <pre>
 * pipeline: {hop: 0.25, ring_size: 4096, chunk_values: 4096, wait: blocking}
 * inputs:
 *   eeg: {query: "type='EEG'", timeout: 2.0}
 *   gsr: {query: "type='GSR' or type='EDA'", multiple: true, expect: 10}
 *   markers: {query: "type='Markers'", required: false}
 * stages:
 *   - {name: eeg_de, kind: differential_entropy, input: eeg, window: 1.0}
 * outputs:
 *   features: {name: frisson.features, type: Features}
 * </pre>
 */
public record PipelineConfig(Path file, Settings settings, List<Input> inputs, List<StageEntry> stages,
                             Map<String, Output> outputs) {

    /**
     * Pipeline-wide settings.
     *
     * @param ringWait how the ring's consumers wait for the next chunk
     */
    public record Settings(double hop, int ringSize, int chunkValues, double resolveSeconds, double healthPeriod,
                           RingWait ringWait) {
    }

    /**
     * One input role.
     *
     * @param required whether frames wait for it (markers and ratings usually do not)
     * @param timeout  seconds past a frame time after which a silent stream is marked missing
     * @param multiple whether every matching stream is bound (one per participant) rather than exactly one
     * @param expect   with {@code multiple}, how many streams to wait for at start (0: whatever is there)
     * @param device   the device this input reads directly (its streams are published on LSL by the run that
     *                 opens it, and the query is then set to them); null when the input is an LSL query
     */
    public record Input(String role, String query, boolean required, double timeout, boolean multiple, int expect,
                        int channels, Device device) {
    }

    /**
     * A device an input reads without another program: a BrainFlow board by Frisson's name for it, which of its
     * signals this input takes ({@code eeg}, {@code eda}, {@code ppg}, ...), and how to reach it
     * ({@code serial_port}, {@code mac}, {@code ip}, {@code ip_port}, {@code other_info}, {@code file} and the
     * {@code master_board} that recorded it, {@code serial_number}, as given), and {@code reconnect_after} (seconds of silence before the board is opened
     * again).
     */
    public record Device(String board, String signal, Map<String, String> connection) {
        public Device {
            connection = Map.copyOf(connection);
        }
    }

    /** One stage: its unique name, its kind and the rest of its keys as parameters. */
    public record StageEntry(String name, String kind, Map<String, Object> params) {
    }

    /** One output stream: its LSL name, type and stable source id. */
    public record Output(String key, String name, String type, String sourceId) {
    }

    private static final Set<String> TOP = Set.of("pipeline", "inputs", "stages", "outputs");
    private static final Set<String> PIPELINE = Set.of("hop", "ring_size", "chunk_values", "resolve_seconds",
            "health_period", "wait");
    private static final Set<String> DEVICE_CONNECTION = Set.of("serial_port", "mac", "ip", "ip_port", "other_info",
            "file", "master_board", "serial_number", "reconnect_after");
    private static final Set<String> INPUT = Set.of("query", "required", "timeout", "multiple", "expect", "channels",
            "board", "signal", "serial_port", "mac", "ip", "ip_port", "other_info", "file", "master_board",
            "serial_number", "reconnect_after");
    private static final Set<String> OUTPUT = Set.of("name", "type", "source_id");

    /**
     * The most characters a config may hold (the repository's are a few thousand): SnakeYAML's scanner allocates
     * with the square of a long scalar's length (a 6 MB one: 80 GB and half a minute before its own limit).
     */
    public static final int MAX_CHARS = 256 * 1024;

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    /** Reads and validates {@code file}. */
    public static PipelineConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    /** Parses and validates YAML text; {@code file} names it in messages. */
    public static PipelineConfig parse(Path file, String yaml) {
        if (yaml.length() > MAX_CHARS) {
            throw new ConfigException(file + ": " + yaml.length() + " characters, more than the " + MAX_CHARS
                    + " a config may hold");
        }
        Object root;
        try {
            noAliases(file, yaml);
            root = MAPPER.readValue(yaml, Object.class);
        } catch (JacksonException e) {
            String message = String.valueOf(e.getOriginalMessage()).strip().split("\\R", 2)[0];
            throw new ConfigException(file + ": not valid YAML: " + org.frisson.lsl.Printable.of(message)
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
        Reader r = new Reader(file);
        Map<String, Object> top = r.map(root, "");
        r.onlyKeys(top, TOP, "");

        Map<String, Object> p = r.map(top.getOrDefault("pipeline", Map.of()), "pipeline");
        r.onlyKeys(p, PIPELINE, "pipeline");
        Settings settings = new Settings(
                r.positive(p, "hop", 0.25, "pipeline"),
                r.powerOfTwo(p, "ring_size", 4096, "pipeline"),
                r.positiveInt(p, "chunk_values", 4096, "pipeline"),
                r.positive(p, "resolve_seconds", 10.0, "pipeline"),
                r.positive(p, "health_period", 1.0, "pipeline"),
                r.ringWait(p, "wait", RingWait.BLOCKING, "pipeline"));

        Map<String, Object> ins = r.map(top.get("inputs"), "inputs");
        if (ins.isEmpty()) {
            throw new ConfigException(file + ": inputs: at least one input is needed");
        }
        List<Input> inputs = new ArrayList<>();
        for (Map.Entry<String, Object> e : ins.entrySet()) {
            r.named(e.getKey(), "inputs");
            String at = "inputs." + e.getKey();
            Map<String, Object> m = r.map(e.getValue(), at);
            r.onlyKeys(m, INPUT, at);
            boolean multiple = r.bool(m, "multiple", false, at);
            Device device = r.device(m, e.getKey(), at);
            inputs.add(new Input(e.getKey(), device == null ? r.string(m, "query", null, at) : null,
                    r.bool(m, "required", true, at), r.positive(m, "timeout", 2.0, at), multiple,
                    r.nonNegativeInt(m, "expect", 0, at), r.nonNegativeInt(m, "channels", 0, at), device));
        }

        List<StageEntry> stages = new ArrayList<>();
        Object st = top.get("stages");
        if (st != null) {
            if (!(st instanceof List<?> list)) {
                throw new ConfigException(file + ": stages must be a list");
            }
            Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "stages[" + i + "]";
                Map<String, Object> m = new LinkedHashMap<>(r.map(list.get(i), at));
                String kind = r.string(m, "kind", null, at);
                String name = r.string(m, "name", kind, at);
                if (!names.add(name)) {
                    throw new ConfigException(file + ": " + at + ".name: '" + name + "' is used twice");
                }
                m.remove("kind");
                m.remove("name");
                stages.add(new StageEntry(name, kind, m));
            }
        }

        Map<String, Output> outputs = new LinkedHashMap<>();
        Map<String, Object> outs = r.map(top.getOrDefault("outputs", Map.of()), "outputs");
        for (Map.Entry<String, Object> e : outs.entrySet()) {
            r.named(e.getKey(), "outputs");
            String at = "outputs." + e.getKey();
            Map<String, Object> m = r.map(e.getValue(), at);
            r.onlyKeys(m, OUTPUT, at);
            String name = r.string(m, "name", "frisson." + e.getKey(), at);
            outputs.put(e.getKey(), new Output(e.getKey(), name,
                    r.string(m, "type", Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1), at),
                    r.string(m, "source_id", name, at)));
        }
        return new PipelineConfig(file, settings, List.copyOf(inputs), List.copyOf(stages), outputs);
    }

    /**
     * Refuses aliases ({@code *name}): the YAML reader does not expand them but reads the anchor's name as a string,
     * so {@code query: *q} would silently become the query {@code q}.
     */
    private static void noAliases(Path file, String yaml) throws IOException {
        try (com.fasterxml.jackson.dataformat.yaml.YAMLParser p =
                     (com.fasterxml.jackson.dataformat.yaml.YAMLParser) YAML.createParser(yaml)) {
            while (p.nextToken() != null) {
                if (p.isCurrentAlias()) {
                    String at = p.getParsingContext().pathAsPointer().toString().replaceFirst("^/", "").replace('/', '.');
                    throw new ConfigException(file + ": " + (at.isEmpty() ? "" : at + ": ") + "aliases (*"
                            + org.frisson.lsl.Printable.of(p.getText()) + ") are not supported: write the value out (line "
                            + p.currentLocation().getLineNr() + ")");
                }
            }
        }
    }

    /**
     * The same pipeline with every input query narrowed to streams whose source_id starts with
     * {@code sourceIdPrefix} (the demo binds to its own simulator, not to any stream on the network); a device
     * input is left as it is (the run that opens the device binds it).
     */
    public PipelineConfig restrictedTo(String sourceIdPrefix) {
        List<Input> narrowed = new ArrayList<>();
        for (Input i : inputs) {
            narrowed.add(i.device() != null ? i : new Input(i.role(), "(" + i.query() + ") and starts-with(source_id,'"
                    + sourceIdPrefix + "')", i.required(), i.timeout(), i.multiple(), i.expect(), i.channels(), null));
        }
        return new PipelineConfig(file, settings, List.copyOf(narrowed), stages, outputs);
    }

    /** The same pipeline with every output's name and source_id suffixed (parallel runs do not collide). */
    public PipelineConfig withOutputNames(String suffix) {
        Map<String, Output> renamed = new LinkedHashMap<>();
        outputs.forEach((k, o) -> renamed.put(k, new Output(k, o.name() + suffix, o.type(), o.sourceId() + suffix)));
        return new PipelineConfig(file, settings, inputs, stages, renamed);
    }

    /** The same pipeline expecting {@code count} streams for a multiple-stream role. */
    public PipelineConfig withExpected(String role, int count) {
        List<Input> changed = new ArrayList<>();
        for (Input i : inputs) {
            changed.add(i.role().equals(role) ? new Input(i.role(), i.query(), i.required(), i.timeout(), true, count,
                    i.channels(), i.device()) : i);
        }
        return new PipelineConfig(file, settings, List.copyOf(changed), stages, outputs);
    }

    /**
     * Fails unless every input has a query: a device input gets its query from whoever opens the device
     * (or, replaying a recording, from the streams the device was published as).
     */
    public void requireQueries() {
        for (Input in : inputs) {
            if (in.query() == null) {
                throw new ConfigException(file + ": inputs." + in.role() + " reads board '" + in.device().board()
                        + "', which nothing has opened (a device input is opened by ./frisson run)");
            }
        }
    }

    /** The same pipeline with input {@code role}'s query replaced. */
    public PipelineConfig withQuery(String role, String query) {
        List<Input> changed = new ArrayList<>();
        for (Input i : inputs) {
            changed.add(i.role().equals(role) ? new Input(i.role(), query, i.required(), i.timeout(), i.multiple(),
                    i.expect(), i.channels(), i.device()) : i);
        }
        return new PipelineConfig(file, settings, List.copyOf(changed), stages, outputs);
    }

    /** The same pipeline with {@code stage} run after every other stage. */
    public PipelineConfig withStage(StageEntry stage) {
        if (stages.stream().anyMatch(s -> s.name().equals(stage.name()))) {
            throw new ConfigException(file + ": stages: a stage is already called '" + stage.name() + "'");
        }
        List<StageEntry> more = new ArrayList<>(stages);
        more.add(stage);
        return new PipelineConfig(file, settings, inputs, List.copyOf(more), outputs);
    }

    public Input input(String role) {
        for (Input i : inputs) {
            if (i.role().equals(role)) {
                return i;
            }
        }
        return null;
    }

    /** Reads typed values out of the YAML tree, naming file and key on error. */
    private record Reader(Path file) {

        Map<String, Object> map(Object node, String at) {
            if (node == null) {
                throw new ConfigException(file + ": " + (at.isEmpty() ? "the file is empty" : at + " is missing"));
            }
            if (!(node instanceof Map<?, ?> m)) {
                throw new ConfigException(file + ": " + (at.isEmpty() ? "top level" : at) + " must be a map");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) m;
            return typed;
        }

        /** A value as a message quotes it: printable, and cut when long. */
        static String shown(Object v) {
            String s = org.frisson.lsl.Printable.of(String.valueOf(v));
            return "'" + (s.length() > 80 ? s.substring(0, 80) + "… (" + s.length() + " characters)" : s) + "'";
        }

        /** Refuses an empty or blank name of an input or output (the key under {@code at}). */
        void named(String key, String at) {
            if (key.isBlank()) {
                throw new ConfigException(file + ": " + at + ": a name is empty ('" + key + "')");
            }
        }

        void onlyKeys(Map<String, Object> m, Set<String> allowed, String at) {
            for (String k : m.keySet()) {
                if (!allowed.contains(k)) {
                    throw new ConfigException(file + ": " + (at.isEmpty() ? "" : at + ".") + k
                            + ": unknown key (expected one of " + new java.util.TreeSet<>(allowed) + ")");
                }
            }
        }

        /** The device an input names with {@code board:}, or null; {@code board} and {@code query} exclude each other. */
        Device device(Map<String, Object> m, String role, String at) {
            if (!m.containsKey("board")) {
                for (String k : m.keySet()) {
                    if (k.equals("signal") || DEVICE_CONNECTION.contains(k)) {
                        throw new ConfigException(file + ": " + at + "." + k + " belongs to a device input, which"
                                + " names its board ('board: <name>')");
                    }
                }
                return null;
            }
            if (m.containsKey("query")) {
                throw new ConfigException(file + ": " + at + ": either 'query' (an LSL stream) or 'board' (a device"
                        + " Frisson opens itself), not both");
            }
            Map<String, String> connection = new LinkedHashMap<>();
            for (String k : DEVICE_CONNECTION) {
                Object v = m.get(k);
                if (v != null) {
                    connection.put(k, String.valueOf(v));
                }
            }
            return new Device(string(m, "board", null, at), string(m, "signal", role, at), connection);
        }

        String string(Map<String, Object> m, String key, String fallback, String at) {
            Object v = m.get(key);
            if (v == null) {
                if (fallback == null) {
                    throw new ConfigException(file + ": " + at + "." + key + " is required");
                }
                return fallback;
            }
            if (!(v instanceof String s) || s.isBlank()) {
                throw new ConfigException(file + ": " + at + "." + key + " must be a non-empty string");
            }
            return s;
        }

        boolean bool(Map<String, Object> m, String key, boolean fallback, String at) {
            Object v = m.get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Boolean b)) {
                throw new ConfigException(file + ": " + at + "." + key + " must be true or false, got " + shown(v));
            }
            return b;
        }

        double positive(Map<String, Object> m, String key, double fallback, String at) {
            Object v = m.get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
                throw new ConfigException(file + ": " + at + "." + key + " must be a positive number, got " + shown(v));
            }
            return n.doubleValue();
        }

        int positiveInt(Map<String, Object> m, String key, int fallback, String at) {
            int v = nonNegativeInt(m, key, fallback, at);
            if (v == 0) {
                throw new ConfigException(file + ": " + at + "." + key + " must be a positive whole number, got 0");
            }
            return v;
        }

        int nonNegativeInt(Map<String, Object> m, String key, int fallback, String at) {
            Object v = m.get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Integer i) || i < 0) {
                throw new ConfigException(file + ": " + at + "." + key + " must be a whole number >= 0, got " + shown(v));
            }
            return i;
        }

        RingWait ringWait(Map<String, Object> m, String key, RingWait fallback, String at) {
            Object v = m.get(key);
            if (v == null) {
                return fallback;
            }
            RingWait w = v instanceof String s ? RingWait.named(s) : null;
            if (w == null) {
                List<String> known = new ArrayList<>();
                for (RingWait k : RingWait.values()) {
                    known.add(k.configName());
                }
                throw new ConfigException(file + ": " + at + "." + key + " must be one of " + known + ", got "
                        + shown(v));
            }
            return w;
        }

        int powerOfTwo(Map<String, Object> m, String key, int fallback, String at) {
            int v = positiveInt(m, key, fallback, at);
            if (Integer.bitCount(v) != 1) {
                throw new ConfigException(file + ": " + at + "." + key + " must be a power of two, got " + v);
            }
            return v;
        }
    }

    /** The config is invalid; the message names the file and the key. */
    public static final class ConfigException extends IllegalArgumentException {
        /** {@code message} in one line: control characters (a line break in a quoted value) shown as '?'. */
        public ConfigException(String message) {
            super(org.frisson.lsl.Printable.of(message));
        }
    }
}
