package org.frisson.test;

import org.frisson.lsl.Inlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code frisson demo} as a user runs it, in its own JVM: the simulator and the pipeline come up, and an
 * outside LSL consumer reads the pipeline's outputs and its stream health. SIGTERM stops it with exit 0.
 */
class DemoEndToEndTest {

    private static Path home() {
        return Path.of(System.getProperty("frisson.home", ".."));
    }

    private static Process startFrisson(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfrisson.home=" + home(), "-cp", System.getProperty("java.class.path"), "org.frisson.app.Frisson"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void demoPublishesFeaturesAndHealthAndStopsCleanly() throws Exception {
        Path log = Files.createTempFile("frisson-demo", ".log");
        // the shipped demo config, with outputs of this run's own so parallel runs do not mix
        String tag = "e2e" + ProcessHandle.current().pid();
        Path config = Files.createTempFile("demo", ".yaml");
        Files.writeString(config, Files.readString(home().resolve("configs/demo.yaml"))
                .replace("name: frisson.features", "name: frisson.features." + tag)
                .replace("name: frisson.health", "name: frisson.health." + tag));
        Process demo = startFrisson(log, "demo", "--config", config.toString());
        try {
            StreamInfo features = waitFor("name='frisson.features." + tag + "'", demo, log);
            StreamInfo health = waitFor("name='frisson.health." + tag + "'", demo, log);
            try (features; health; Inlet f = Inlet.open(features); Inlet h = Inlet.open(health);
                 StreamInfo fullF = f.fullInfo(5); StreamInfo fullH = h.fullInfo(5)) {
                List<String> labels = fullF.channelLabels();
                assertTrue(labels.contains("Rating.emotionality") && labels.contains("Rating.enjoyment"), labels.toString());
                assertTrue(labels.contains("Chills.chill_held") && labels.contains("Chills.chill_presses"), labels.toString());
                assertEquals("latency", labels.get(labels.size() - 1));
                assertTrue(fullH.channelLabels().contains("EEG.rate"), fullH.channelLabels().toString());

                double[] values = new double[labels.size() * 64];
                double[] stamps = new double[64];
                int frames = 0;
                double lastStamp = Double.NEGATIVE_INFINITY;
                int emo = labels.indexOf("Rating.emotionality");
                int lat = labels.size() - 1;
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (frames < 12 && System.nanoTime() < deadline) {
                    int n = f.pullAvailable(values, stamps, 0.5);
                    for (int i = 0; i < n; i++) {
                        double v = values[i * labels.size() + emo];
                        assertTrue(Double.isNaN(v) || (v >= 0 && v <= 1), "slider value " + v);
                        double latency = values[i * labels.size() + lat];
                        assertTrue(latency >= 0 && latency < 5, "latency " + latency);
                        assertTrue(stamps[i] > lastStamp, "output stamps increase");
                        lastStamp = stamps[i];
                    }
                    frames += n;
                }
                assertTrue(frames >= 12, "only " + frames + " output samples; log:\n" + Files.readString(log));

                int width = fullH.channelCount();
                double[] hv = new double[width * 8];
                double[] hs = new double[8];
                int eegRate = fullH.channelLabels().indexOf("EEG.rate");
                double seenRate = Double.NaN;
                deadline = System.nanoTime() + 15_000_000_000L;
                while (!(seenRate > 100) && System.nanoTime() < deadline) {
                    int n = h.pullAvailable(hv, hs, 1.0);
                    if (n > 0) {
                        seenRate = hv[(n - 1) * width + eegRate];
                    }
                }
                assertEquals(128, seenRate, 15, "effective EEG rate on frisson.health");
            }
            demo.destroy(); // SIGTERM: drain, close, exit 0
            assertTrue(demo.waitFor(20, TimeUnit.SECONDS), "demo did not stop");
            assertEquals(0, demo.exitValue(), Files.readString(log));
        } finally {
            demo.destroyForcibly();
        }
    }

    @Test
    void concertSimulatorPublishesOneWearableSetPerParticipant() throws Exception {
        Path log = Files.createTempFile("frisson-concert", ".log");
        Path truth = Files.createTempFile("truth", ".json");
        String session = "concert" + ProcessHandle.current().pid();
        Process sim = startFrisson(log, "simulate", "session", "concert", "--participants", "12", "--session", session,
                "--duration", "30", "--truth", truth.toString());
        try {
            String pred = "starts-with(source_id,'frisson-sim-" + session + "-')";
            List<StreamInfo> found = new ArrayList<>();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (found.size() < 37 && System.nanoTime() < deadline) {
                found.forEach(StreamInfo::close);
                found = Resolver.byPredicate(pred, 37, 2.0);
            }
            long gsr = found.stream().filter(s -> s.type().equals("GSR")).count();
            long ppg = found.stream().filter(s -> s.type().equals("PPG")).count();
            long chills = found.stream().filter(s -> s.type().equals("Markers")).count();
            long audio = found.stream().filter(s -> s.type().equals("Audio")).count();
            found.forEach(StreamInfo::close);
            assertEquals(List.of(12L, 12L, 12L, 1L), List.of(gsr, ppg, chills, audio), Files.readString(log));
            // the truth file is written right after the outlets open
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> Files.readString(truth, StandardCharsets.UTF_8).contains("\"P012\""));
            String json = Files.readString(truth, StandardCharsets.UTF_8);
            assertTrue(json.contains("\"transitions\""), json);
        } finally {
            sim.destroyForcibly();
            sim.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static StreamInfo waitFor(String predicate, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<StreamInfo> s = Resolver.first(predicate, 1.0);
            if (s.isPresent()) {
                return s.get();
            }
            if (!p.isAlive()) {
                throw new AssertionError("frisson exited early:\n" + Files.readString(log));
            }
        }
        throw new AssertionError("no stream " + predicate + "; log:\n" + Files.readString(log));
    }

}
