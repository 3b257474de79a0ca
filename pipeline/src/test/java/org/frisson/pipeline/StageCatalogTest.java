package org.frisson.pipeline;

import org.frisson.stage.Parameter;
import org.frisson.stage.Params;
import org.frisson.stage.Stage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageCatalogTest {

    private static final Path FILE = Path.of("configs/x.yaml");
    private static final StageCatalog CATALOG = StageCatalog.installed();

    private static PipelineConfig config(String stage) {
        return PipelineConfig.parse(FILE, """
                inputs:
                  gsr: {query: "type='GSR'"}
                stages:
                  - %s
                outputs:
                  features: {name: frisson.features}
                """.formatted(stage));
    }

    private static String error(String stage) {
        return assertThrows(PipelineConfig.ConfigException.class, () -> CATALOG.validate(config(stage))).getMessage();
    }

    @Test
    void anUnknownKeyIsNamedWithTheClosestValidOne() {
        assertEquals("configs/x.yaml: stage 'eda': unknown key 'min_amplitud' (did you mean 'min_amplitude'?)",
                error("{name: eda, kind: eda, input: gsr, min_amplitud: 0.02}"));
        assertEquals("configs/x.yaml: stage 'eda': unknown key 'ipnut' (did you mean 'input'?)",
                error("{name: eda, kind: eda, ipnut: gsr}"));
    }

    @Test
    void anUnknownKeyFarFromEveryValidOneGetsTheListOfThem() {
        assertEquals("configs/x.yaml: stage 'eda': unknown key 'colour' (eda takes: input, output, min_amplitude)",
                error("{name: eda, kind: eda, colour: red}"));
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithWhatWasExpected() {
        assertEquals("configs/x.yaml: stage 'eda': key 'min_amplitude' must be a number > 0 (µS), got 'lots'",
                error("{name: eda, kind: eda, min_amplitude: lots}"));
        assertEquals("configs/x.yaml: stage 'music': key 'tags' must be a whole number >= 0, got '2.5'",
                error("{name: music, kind: embedding, tags: 2.5}"));
        assertEquals("configs/x.yaml: stage 'emotion': key 'latent' must be true or false, got 'yes please'",
                error("{name: emotion, kind: emotion, eeg: de, latent: yes please}"));
    }

    @Test
    void aValueOutOfRangeIsNamedWithTheRange() {
        assertEquals("configs/x.yaml: stage 'eda': key 'min_amplitude' must be a number > 0 (µS), got '-0.1'",
                error("{name: eda, kind: eda, min_amplitude: -0.1}"));
        assertEquals("configs/x.yaml: stage 'music': key 'threads' must be a whole number >= 1, got '0'",
                error("{name: music, kind: embedding, threads: 0}"));
        assertEquals("configs/x.yaml: stage 'de': key 'method' must be one of [periodogram, seed], got 'welch'",
                error("{name: de, kind: differential_entropy, method: welch}"));
    }

    @Test
    void aMissingRequiredKeyAndAnUnknownKindAreNamed() {
        assertEquals("configs/x.yaml: stage 'slider': missing required key 'input'",
                error("{name: slider, kind: latest}"));
        assertTrue(error("{name: eda, kind: edaa}").startsWith(
                "configs/x.yaml: stage 'eda': unknown kind 'edaa' (did you mean 'eda'?)"));
    }

    @Test
    void everyShippedConfigValidates() throws IOException {
        List<Path> configs;
        try (Stream<Path> files = Files.list(Path.of("..", "configs"))) {
            configs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(configs.isEmpty());
        for (Path f : configs) {
            CATALOG.validate(PipelineConfig.load(f));
        }
    }

    @Test
    void everyKindDeclaresItselfAndItsDefaultsFitTheirDeclarations() {
        for (String kind : CATALOG.kinds()) {
            Stage stage = CATALOG.create(kind);
            assertFalse(stage.description().isBlank(), kind);
            Set<String> names = new HashSet<>();
            for (Parameter<?> p : stage.parameters()) {
                assertTrue(names.add(p.name()), kind + ": '" + p.name() + "' declared twice");
                assertFalse(p.description().isBlank(), kind + "." + p.name());
                Object fallback = p.defaultValue();
                if (fallback != null) {
                    Params params = new Params(kind, Map.of(p.name(), fallback), stage.parameters());
                    assertEquals(fallback, params.get(p), kind + "." + p.name());
                }
            }
        }
    }

    @Test
    void aStageReadsOnlyWhatItDeclares() {
        Parameter<Double> declared = Parameter.number("window", 1.0, "seconds");
        Parameter<Double> other = Parameter.number("hop", 0.5, "seconds");
        Params params = new Params("x", Map.of(), List.of(declared));
        assertEquals(1.0, params.get(declared));
        assertThrows(IllegalStateException.class, () -> params.get(other));
        Parameter<String> none = Parameter.stage("eeg", null, "a stage");
        assertNull(new Params("x", Map.of(), List.of(none)).get(none));
    }

    @Test
    void closeNamesAreOneOrTwoEditsAway() {
        assertEquals(1, ClosestName.distance("tiemout", "timeout"));
        assertEquals(1, ClosestName.distance("min_amplitud", "min_amplitude"));
        assertEquals(3, ClosestName.distance("eeg", "hop"));
        assertEquals("window", ClosestName.to("widnow", List.of("input", "window", "output")).orElseThrow());
        assertTrue(ClosestName.to("eeg", List.of("hop", "tags")).isEmpty());
    }
}
