package org.frisson.pipeline;

import org.frisson.testsupport.Bounded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The repository's real configs ({@code configs/*.yaml}), mutated: every try must end in a loaded config (whose
 * stages then pass {@link StageCatalog#validate} or fail it the same way) or a {@link PipelineConfig.ConfigException}
 * of one line starting with the file's name, never another exception, within bounded time and memory. YAML bombs
 * (aliases expanding a billion times, deep nesting, huge documents) must be refused quickly. One QuickTheories
 * property per test, with a fixed seed and example count.
 */
class PipelineConfigFuzzTest {

    private static final long HANG_SECONDS = 60;
    private static final long FIXED_BYTES = 64L << 20;
    private static final long BYTES_PER_CHAR = 256;

    private static final Map<String, String> CONFIGS = new TreeMap<>();
    private static List<String> names;
    /** Per property: loaded and validated, loaded but refused by the stages' validation, refused at load. */
    private static final Map<String, int[]> OUTCOMES = new TreeMap<>();

    @BeforeAll
    static void readConfigs() throws IOException {
        Path dir = Path.of(System.getProperty("frisson.home")).resolve("configs");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                CONFIGS.put("configs/" + f.getFileName(), Files.readString(f));
            }
        }
        names = new ArrayList<>(CONFIGS.keySet());
        if (names.size() < 5) {
            throw new AssertionError("the configs to mutate are missing: " + names);
        }
    }

    @AfterAll
    static void report() {
        int[] total = new int[3];
        for (Map.Entry<String, int[]> e : OUTCOMES.entrySet()) {
            System.out.println("PipelineConfigFuzzTest: " + e.getKey() + ": " + describe(e.getValue()));
            for (int i = 0; i < 3; i++) {
                total[i] += e.getValue()[i];
            }
        }
        System.out.println("PipelineConfigFuzzTest: all properties: " + describe(total) + "; most allocated by one try: "
                + Bounded.mostAllocated() + " bytes");
    }

    private static String describe(int[] n) {
        return (n[0] + n[1] + n[2]) + " configs: " + n[0] + " loaded and validated, " + n[1]
                + " loaded but refused by a stage's validation, " + n[2] + " refused at load";
    }

    /** One mutation of one line (or offset) of a config; its record form says what it did. */
    record Mutation(String kind, int at, String text) {
        String apply(String yaml) {
            List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
            int i = Math.floorMod(at, lines.size());
            String line = lines.get(i);
            switch (kind) {
                case "value" -> {
                    int colon = line.lastIndexOf(": ");
                    lines.set(i, colon < 0 ? line + " " + text : line.substring(0, colon + 2) + text);
                }
                case "key" -> {
                    int indent = line.length() - line.stripLeading().length();
                    int colon = line.indexOf(':');
                    lines.set(i, colon < 0 ? line : line.substring(0, indent) + text + line.substring(colon));
                }
                case "delete" -> lines.remove(i);
                case "duplicate" -> lines.add(i, line);
                case "indent" -> lines.set(i, text + line);
                case "dedent" -> lines.set(i, line.stripLeading());
                case "insert" -> {
                    int p = Math.floorMod(at, yaml.length() + 1);
                    return yaml.substring(0, p) + text + yaml.substring(p);
                }
                case "truncate" -> {
                    return yaml.substring(0, Math.floorMod(at, yaml.length() + 1));
                }
                default -> throw new IllegalStateException(kind);
            }
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            String t = text.length() > 80 ? text.substring(0, 80) + "…(" + text.length() + ")" : text;
            return kind + "@" + at + "[" + t.replace("\n", "\\n") + "]";
        }
    }

    record Case(String file, List<Mutation> mutations, String yaml) {
        @Override
        public String toString() {
            return file + " " + mutations + (yaml.length() < 400 ? " -> " + yaml.replace("\n", "\\n") : "");
        }
    }

    @Test
    void mutatedRealConfigs() {
        qt().withFixedSeed(20240301L).withExamples(4000).forAll(mutated()).checkAssert(c -> check("mutatedRealConfigs", c));
    }

    @Test
    void yamlBombs() {
        qt().withFixedSeed(20240302L).withExamples(300).forAll(bombs()).checkAssert(c -> {
            if (check("yamlBombs", c) == 0) {
                throw new AssertionError(c + ": a bomb was loaded and validated");
            }
        });
    }

    /** 0: loaded and validated; 1: refused by a stage's validation; 2: refused at load. */
    static int check(String property, Case c) {
        int outcome = Bounded.run(c.toString(), HANG_SECONDS, FIXED_BYTES + BYTES_PER_CHAR * c.yaml().length(), () -> {
            PipelineConfig cfg;
            try {
                cfg = PipelineConfig.parse(Path.of(c.file()), c.yaml());
            } catch (PipelineConfig.ConfigException e) {
                oneLine(c, e);
                return 2;
            }
            try {
                StageCatalog.installed().validate(cfg);
                return 0;
            } catch (PipelineConfig.ConfigException e) {
                oneLine(c, e);
                return 1;
            }
        });
        OUTCOMES.computeIfAbsent(property, k -> new int[3])[outcome]++;
        return outcome;
    }

    private static void oneLine(Case c, PipelineConfig.ConfigException e) {
        String m = e.getMessage();
        if (!m.startsWith(c.file() + ": ") || !Bounded.oneLine(m) || m.length() > 2000) {
            throw new AssertionError(c + ": the refusal is not one line naming the file: " + m, e);
        }
    }

    /** What the properties found, kept as plain cases: each message exactly as it is now. */
    @Test
    void whatTheFuzzerFoundIsRefusedInOneLine() {
        String[][] cases = {
                {"inputs:\n  eeg: {query: &q \"type='EEG'\"}\n  gsr: {query: *q}\n",
                        "x.yaml: inputs.gsr.query: aliases (*q) are not supported: write the value out (line 3)"},
                {"inputs: {eeg: {query: q}}\noutputs: {\"\": {name: x}}\n", "x.yaml: outputs: a name is empty ('')"},
                {"pipeline: {hop: \"a\\nb\"}\ninputs: {eeg: {query: q}}\n",
                        "x.yaml: pipeline.hop must be a positive number, got 'a?b'"},
                {"inputs: {eeg: {query: q}}\nx: y: z\n", "x.yaml: not valid YAML: mapping values are not allowed here"
                        + " (line 2)"},
                {"inputs: {eeg: {query: \"" + "x".repeat(PipelineConfig.MAX_CHARS) + "\"}}\n", "x.yaml: "
                        + (PipelineConfig.MAX_CHARS + 27) + " characters, more than the 262144 a config may hold"},
        };
        for (String[] c : cases) {
            PipelineConfig.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                    PipelineConfig.ConfigException.class, () -> PipelineConfig.parse(Path.of("x.yaml"), c[0]));
            org.junit.jupiter.api.Assertions.assertEquals(c[1], e.getMessage());
        }
    }

    // ---- generators ----

    private static final List<String> VALUES = List.of("~", "null", "\"\"", "''", "-1", "0", "1", "2", "3", "1024", "0.5",
            "1e400", "-1e400", ".nan", ".inf", "-.inf", "99999999999999999999999999", "0x7fffffff", "2147483648",
            "[1, 2]", "[]", "{}", "{a: 1}", "{query: 1}", "true", "yes", "no", "on", "!!binary aGVsbG8=",
            "!!java.lang.Object {}", "!!set {a, b}", "!!timestamp 2001-12-14", "*nowhere", "&a x", "'unterminated",
            "\"unterminated", "\"\\u0000\"", "\"a\\nb\"", "\"\\ud800\"", "type='EEG'", "\"type='EEG' or\"", "- x", "|\n  x",
            ">-\n  x", "? x", "x: y: z", "{{{", "]]]", "\t1", "\u00e9\u00e9\u00e9", "\ufeff", "%YAML 1.2", "---", "...",
            "<<: {a: 1}", "!!int x", "!!float x", "!!str 3");
    private static final List<String> KEYS = List.of("1", "~", "null", "[a, b]", "{a: 1}", "\"\"", "? x", "<<", "true",
            "0.5", "\u00e9t\u00e9", "query query", "hop", "inputs", "name", "kind", "\"\\n\"", "*alias", "&anchor k");

    private static Gen<Mutation> mutation() {
        Gen<Integer> at = integers().between(0, Integer.MAX_VALUE - 1);
        Gen<String> chars = Generate.intArrays(integers().between(1, 8), integers().between(0, 0x2FF)).map(cps -> {
            StringBuilder sb = new StringBuilder();
            for (int cp : cps) {
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        });
        Gen<String> long100k = integers().between(1, 100_000).map("x"::repeat);
        return Generate.oneOf(
                at.zip(Generate.pick(VALUES), (a, v) -> new Mutation("value", a, v)),
                at.zip(Generate.pick(VALUES), (a, v) -> new Mutation("value", a, v)),
                at.zip(long100k, (a, v) -> new Mutation("value", a, v)),
                at.zip(Generate.pick(KEYS), (a, k) -> new Mutation("key", a, k)),
                at.map(a -> new Mutation("delete", a, "")),
                at.map(a -> new Mutation("duplicate", a, "")),
                at.zip(Generate.pick(List.of(" ", "  ", "    ", "\t")), (a, s) -> new Mutation("indent", a, s)),
                at.map(a -> new Mutation("dedent", a, "")),
                at.zip(chars, (a, s) -> new Mutation("insert", a, s)),
                at.map(a -> new Mutation("truncate", a, "")));
    }

    private static Gen<Case> mutated() {
        return integers().between(0, 99).zip(lists().of(mutation()).ofSizeBetween(1, 4), (f, ms) -> {
            String file = names.get(f % names.size());
            String yaml = CONFIGS.get(file);
            for (Mutation m : ms) {
                yaml = m.apply(yaml);
            }
            return new Case(file, ms, yaml);
        });
    }

    private static Gen<Case> bombs() {
        Gen<Integer> levels = integers().between(1, 12);
        Gen<Integer> width = integers().between(2, 12);
        return integers().between(0, 4).zip(levels, width, (k, l, w) -> {
            String yaml = switch (k) {
                case 0 -> laughs(l, w, "pipeline: {hop: *l" + l + "}\ninputs: {eeg: {query: \"type='EEG'\"}}\n");
                case 1 -> laughs(l, w, "inputs:\n  eeg: {query: \"type='EEG'\"}\nstages:\n  - {name: x, kind: latest,"
                        + " input: eeg, window: *l" + l + "}\n");
                case 2 -> "inputs: " + "[".repeat(l * w * 1000) + "]".repeat(l * w * 1000) + "\n";
                case 3 -> "inputs: " + "{a: ".repeat(l * w * 300) + "1" + "}".repeat(l * w * 300) + "\n";
                default -> "inputs:\n  eeg: {query: \"" + "x".repeat(PipelineConfig.MAX_CHARS + l * w * 40_000) + "\"}\n";
            };
            return new Case("configs/bomb.yaml", List.of(new Mutation("bomb", k, l + "x" + w)), yaml);
        });
    }

    /** Anchors {@code l0 .. lN}, each a list of {@code width} aliases of the one before, then {@code tail}. */
    private static String laughs(int levels, int width, String tail) {
        StringBuilder sb = new StringBuilder("a0: &l0 [lol]\n");
        for (int i = 1; i <= levels; i++) {
            sb.append("a").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < width; j++) {
                sb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb.append(tail).toString();
    }
}
