package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.app.Frisson;
import org.frisson.lsl.ChannelFormat;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 002's finding on a real demo recording: {@code frisson demo --record} in its own JVM for two passes
 * of the demo piece (the live pipeline detects the music's transitions with MusiCNN and records them with
 * every input), then {@code frisson analyze transitions} on the file: the simulated listener's skin
 * conductance, which the simulator makes rise 1-3 s after each section change, rises after the detected
 * transitions more than after random moments of the music (one-sided permutation p < 0.05).
 */
class TransitionAnalysisEndToEndTest {

    /** Two passes of the 96 s piece and the last transition's confirmation (176 s + about 5 s). */
    static final int DEMO_SECONDS = 195;

    @Test
    void demoRecordingShowsSkinConductanceRisingAfterTransitions(@TempDir Path dir) throws Exception {
        Path home = Path.of(System.getProperty("frisson.home", ".."));
        Path rec = dir.resolve("demo.xdf");
        String tag = "analysis" + ProcessHandle.current().pid();
        Path config = dir.resolve("demo.yaml");
        Files.writeString(config, Files.readString(home.resolve("configs/demo.yaml"))
                .replace("name: frisson.features", "name: frisson.features." + tag)
                .replace("name: frisson.health", "name: frisson.health." + tag));
        Path log = dir.resolve("demo.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfrisson.home=" + home, "-cp", System.getProperty("java.class.path"), "org.frisson.app.Frisson",
                "demo", "--duration", String.valueOf(DEMO_SECONDS), "--config", config.toString(), "--record",
                rec.toString(), "--no-dashboard"));
        Process demo = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(demo.waitFor(DEMO_SECONDS + 90, TimeUnit.SECONDS), "demo did not finish");
            assertEquals(0, demo.exitValue(), Files.readString(log));
        } finally {
            demo.destroyForcibly();
        }
        String printed = Files.readString(log);
        assertTrue(printed.contains("frisson.transitions: transition strength="), "the demo prints transitions:\n" + printed);

        // the live outputs as recorded: markers, and the latent stream with one confirming frame per marker
        XdfFile file = XdfReader.read(rec, XdfReader.Options.raw());
        XdfStream markers = file.stream("frisson.transitions").orElseThrow(() -> new AssertionError("no transitions"));
        assertEquals(ChannelFormat.STRING, markers.format());
        assertTrue(markers.sampleCount() >= 6, "transitions over two passes: " + markers.sampleCount());
        XdfStream latent = file.stream("frisson.latent").orElseThrow(() -> new AssertionError("no latent stream"));
        assertEquals(List.of("PC1", "PC2", "PC1.variance", "transition", "latency"),
                latent.channels().stream().map(c -> c.label()).toList());
        int confirming = 0;
        for (int i = 0; i < latent.sampleCount(); i++) {
            confirming += latent.value(i, 3) == 1 ? 1 : 0;
        }
        assertEquals(markers.sampleCount(), confirming);

        Path out = dir.resolve("analysis");
        assertEquals(0, Frisson.run("analyze", "transitions", rec.toString(), "--out", out.toString()));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("transition_response.json").toFile());
        System.out.println("[analysis] demo recording of " + DEMO_SECONDS + " s: " + summary.get("transition_epochs")
                + " epochs around transitions, " + summary.get("random_epochs") + " random; post-onset mean "
                + summary.get("transition_post_onset_mean") + " vs " + summary.get("random_post_onset_mean")
                + "; p = " + summary.get("p_one_sided"));
        assertEquals("recorded music", summary.get("random_moments_within").asText());
        assertEquals(summary.get("transition_epochs").asInt(), summary.get("random_epochs").asInt());
        assertTrue(summary.get("transition_epochs").asInt() >= 6);
        assertTrue(summary.get("p_one_sided").asDouble() < 0.05, "p " + summary.get("p_one_sided"));
        assertTrue(Files.size(out.resolve("transition_response.png")) > 10_000);
    }
}
