package org.frisson.xdf;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.frisson.testsupport.VenvPython;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the real pyxdf (from the test venv) on files and returns what {@code load_xdf} gave, as JSON. */
final class PyXdf {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private PyXdf() {
    }

    static Path home() {
        return VenvPython.home();
    }

    /** One JSON object per file: {@code ok}, {@code error} or {@code streams}. */
    static List<JsonNode> load(boolean sync, boolean dejitter, Path... files) throws IOException {
        List<String> args = new ArrayList<>(List.of("lsl-bridge/python/xdf_dump.py"));
        if (sync) {
            args.add("--sync");
        }
        if (dejitter) {
            args.add("--dejitter");
        }
        for (Path f : files) {
            args.add(f.toString());
        }
        JsonNode all = JSON.readTree(VenvPython.runOk(180, args.toArray(String[]::new)).out());
        List<JsonNode> result = new ArrayList<>();
        all.forEach(result::add);
        assertEquals(files.length, result.size());
        return result;
    }

    static JsonNode loadOne(boolean sync, boolean dejitter, Path file) throws IOException {
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
}
