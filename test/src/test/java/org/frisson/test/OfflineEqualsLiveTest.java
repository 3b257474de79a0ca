package org.frisson.test;

import org.frisson.app.Frisson;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offline = online: a live demo recorded with {@code --record}, then the same config run offline over
 * the recording, gives the same output for every frame both produced (tolerance 1e-12; in practice the
 * numbers are bit-identical because the same stages see the same samples with the same stamps).
 */
class OfflineEqualsLiveTest {

    @Test
    void recordedDemoReplaysOfflineToTheSameOutputs(@TempDir Path dir) throws Exception {
        Path home = Path.of(System.getProperty("frisson.home", ".."));
        Path rec = dir.resolve("live.xdf");
        String tag = "offline" + ProcessHandle.current().pid();
        Path config = dir.resolve("demo.yaml");
        Files.writeString(config, Files.readString(home.resolve("configs/demo.yaml"))
                .replace("name: frisson.features", "name: frisson.features." + tag)
                .replace("name: frisson.health", "name: frisson.health." + tag));
        Path log = dir.resolve("demo.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfrisson.home=" + home, "-cp", System.getProperty("java.class.path"), "org.frisson.app.Frisson",
                "demo", "--duration", "12", "--config", config.toString(), "--record", rec.toString()));
        Process demo = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "demo did not finish");
            assertEquals(0, demo.exitValue(), Files.readString(log));
        } finally {
            demo.destroyForcibly();
        }

        // the live outputs, as recorded
        XdfFile file = XdfReader.read(rec, XdfReader.Options.raw());
        XdfStream live = file.streams().stream().filter(s -> s.name().equals("frisson.features." + tag))
                .findFirst().orElseThrow(() -> new AssertionError("no live outputs in " + rec));
        assertTrue(live.sampleCount() >= 30, "live frames: " + live.sampleCount());

        Path out = dir.resolve("offline");
        assertEquals(0, Frisson.run("offline", rec.toString(), "--config", config.toString(), "--out", out.toString()));
        List<String> rows = Files.readAllLines(out.resolve("frisson.features." + tag + ".csv"));
        assertEquals("timestamp," + String.join(",", live.channels().stream().map(c -> c.label()).toList()), rows.get(0));
        Map<Double, String[]> offline = new HashMap<>();
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split(",");
            offline.put(Double.parseDouble(f[0]), f);
        }

        int matched = 0;
        int width = live.channelCount() - 1; // the latency channel is live-only
        for (int i = 0; i < live.sampleCount(); i++) {
            String[] f = offline.get(live.stamps()[i]);
            if (f == null) {
                continue;
            }
            matched++;
            for (int c = 0; c < width; c++) {
                double a = live.value(i, c);
                double b = Double.parseDouble(f[c + 1]);
                assertTrue(Double.isNaN(a) ? Double.isNaN(b) : Math.abs(a - b) <= 1e-12,
                        "frame " + live.stamps()[i] + " channel " + live.channels().get(c).label() + ": live " + a
                                + ", offline " + b);
            }
        }
        // offline starts with the first recorded sample, live a frame or two earlier: all but those match
        assertTrue(matched >= live.sampleCount() - 3, "matched " + matched + " of " + live.sampleCount() + " live frames");
    }
}
