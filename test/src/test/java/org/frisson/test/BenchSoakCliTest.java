package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code frisson bench soak}, briefly: the lab pipeline with every model, sampled, summed up in its JSON. */
class BenchSoakCliTest {

    @Test
    void aShortSoakSamplesTheProcessAndSumsItUp() throws Exception {
        Path json = Files.createTempFile("soak", ".json");
        try (FrissonChild soak = FrissonChild.start("bench", "soak", "--minutes", "0.4", "--every", "4",
                "--json", json.toString())) {
            assertEquals(0, soak.awaitExit(Duration.ofSeconds(180)), soak.log());
            assertTrue(soak.log().contains("soak: demo.yaml, one simulated listener, every model"), soak.log());
        }
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        JsonNode samples = r.get("samples");
        assertTrue(samples.size() >= 4, r.toString());
        for (JsonNode s : samples) {
            assertTrue(s.get("rss_mb").asDouble() > 10, s.toString());
            assertTrue(s.get("threads").asInt() > 5 && s.get("open_files").asInt() > 3, s.toString());
            assertTrue(s.get("latency_n").asInt() > 0, "every window has outputs: " + s);
        }
        JsonNode sum = r.get("summary");
        for (String key : new String[]{"heap_after_gc_slope_mb_per_hour", "rss_slope_mb_per_hour", "p99_ms_first_5_min",
                "p99_ms_last_5_min", "samples_missed", "samples_dropped", "threads_first", "threads_last"}) {
            assertTrue(sum.hasNonNull(key), key + " in " + sum);
        }
        assertTrue(sum.get("p99_ms_first_5_min").asDouble() > 0, sum.toString());
    }
}
