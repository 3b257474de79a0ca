package org.frisson.xdf;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the real pyxdf (from the test venv) on files and returns what {@code load_xdf} gave, as JSON. */
final class PyXdf {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private PyXdf() {
    }

    static Path home() {
        String home = System.getProperty("frisson.home");
        assertTrue(home != null && !home.isBlank(), "frisson.home is not set (run the tests through Maven)");
        return Path.of(home);
    }

    static Path python() {
        Path py = home().resolve(".frisson/venv/bin/python");
        if (!Files.isExecutable(py)) {
            fail("the pyxdf comparison needs " + py + ": run scripts/setup --test from the repository first");
        }
        return py;
    }

    /** One JSON object per file: {@code ok}, {@code error} or {@code streams}. */
    static List<JsonNode> load(boolean sync, boolean dejitter, Path... files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python().toString(),
                home().resolve("lsl-bridge/python/xdf_dump.py").toString()));
        if (sync) {
            cmd.add("--sync");
        }
        if (dejitter) {
            cmd.add("--dejitter");
        }
        for (Path f : files) {
            cmd.add(f.toString());
        }
        Path out = Files.createTempFile("pyxdf", ".json");
        Path err = Files.createTempFile("pyxdf", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                fail("pyxdf did not finish within 180 s on " + List.of(files));
            }
            assertEquals(0, p.exitValue(), () -> "pyxdf dump failed: " + read(err));
            JsonNode all = JSON.readTree(out.toFile());
            List<JsonNode> result = new ArrayList<>();
            all.forEach(result::add);
            assertEquals(files.length, result.size());
            return result;
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static JsonNode loadOne(boolean sync, boolean dejitter, Path file) throws IOException, InterruptedException {
        JsonNode r = load(sync, dejitter, file).get(0);
        assertTrue(r.get("ok").asBoolean(), () -> "pyxdf could not load " + file + ": " + r.get("error"));
        return r;
    }

    static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
