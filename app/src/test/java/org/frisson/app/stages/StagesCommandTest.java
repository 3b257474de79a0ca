package org.frisson.app.stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.app.Frisson;
import org.frisson.pipeline.StageCatalog;
import org.frisson.stage.Parameter;
import org.frisson.stage.Stage;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StagesCommandTest {

    /** What {@code frisson <args>} printed on standard output and on standard error, and its exit code. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Frisson.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void jsonListsEveryKindWithItsParameters() throws Exception {
        Run r = run("stages", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode all = new ObjectMapper().readTree(r.out());
        StageCatalog catalog = StageCatalog.installed();
        List<String> kinds = new ArrayList<>();
        all.forEach(k -> kinds.add(k.get("kind").asText()));
        assertEquals(catalog.kinds(), kinds);
        for (JsonNode k : all) {
            Stage stage = catalog.create(k.get("kind").asText());
            assertEquals(stage.description(), k.get("description").asText());
            List<String> declared = stage.parameters().stream().map(Parameter::name).toList();
            List<String> listed = new ArrayList<>();
            k.get("parameters").forEach(p -> listed.add(p.get("name").asText()));
            assertEquals(declared, listed, stage.kind());
            assertTrue(!declared.isEmpty(), stage.kind() + " declares no parameters");
        }
        JsonNode eda = all.get(catalog.kinds().indexOf("eda"));
        JsonNode amplitude = eda.get("parameters").get(2);
        assertEquals("min_amplitude", amplitude.get("name").asText());
        assertEquals("number", amplitude.get("type").asText());
        assertEquals(0.01, amplitude.get("default").asDouble());
        assertEquals("µS", amplitude.get("unit").asText());
        assertEquals(0.0, amplitude.get("range").get("min").asDouble());
        assertTrue(amplitude.get("range").get("max").isNull());
    }

    @Test
    void oneKindIsShownAsATable() {
        Run r = run("stages", "eda");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("eda: "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+min_amplitude\\s+number\\s+0\\.01\\s+µS\\s+> 0\\s+.*")),
                r.out());
    }

    @Test
    void anUnknownKindExitsWithTwoNamingItAndTheKnownKinds() {
        Run r = run("stages", "edaa");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown kind 'edaa'"), r.err());
        for (String kind : StageCatalog.installed().kinds()) {
            assertTrue(r.err().contains(kind), r.err());
        }
    }
}
