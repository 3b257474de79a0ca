package org.frisson.xdf;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a recording process with SIGKILL at random moments; every file must load in pyxdf (and Frisson)
 * with a gap-free prefix of the counter stream holding every sample the recorder had handed to the OS,
 * and every sample pushed until the kill minus the flush interval and a margin.
 */
class XdfKillTest {

    private static final int KILLS = 12;
    private static final double FLUSH_SECONDS = 1.0;
    private static final double MARGIN_SECONDS = 1.0;

    @TempDir
    Path dir;

    /** One progress line of the child and when it arrived. */
    private record Progress(long atNanos, long pushed, long written) {
    }

    @Test
    void killedRecordingsLoseNothingTheyFlushed() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        List<Path> files = new ArrayList<>();
        List<long[]> bounds = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (int k = 0; k < KILLS; k++) {
            Path file = dir.resolve("killed-" + k + ".xdf");
            // two kills land while the JVM starts and the file is being created, the rest while recording
            long delayMillis = k < 2 ? rnd.nextInt(300) : 2000 + rnd.nextInt(2500);
            long[] b = runAndKill(file, k < 2, delayMillis);
            if (Files.exists(file)) {
                files.add(file);
                bounds.add(b);
            } else {
                assertEquals(0, b[1], "no file, but the child had reported writing samples");
            }
            report.append(String.format("  kill %2d after %4d ms: pushed %6d, reported written %6d, required %6d%n",
                    k, delayMillis, b[0], b[1], b[2]));
        }
        assertTrue(files.size() >= KILLS - 2, "recordings that had started");
        List<JsonNode> loaded = PyXdf.load(false, false, files.toArray(Path[]::new));
        for (int k = 0; k < files.size(); k++) {
            Path file = files.get(k);
            JsonNode r = loaded.get(k);
            assertTrue(r.get("ok").asBoolean(), () -> "pyxdf could not load " + file + ": " + r.get("error"));
            long[] b = bounds.get(k);
            long pyCount = 0;
            for (JsonNode s : r.get("streams")) {
                if (s.get("name").asText().equals("Counter")) {
                    JsonNode values = s.get("values");
                    JsonNode stamps = s.get("stamps");
                    pyCount = stamps.size();
                    for (int i = 0; i < pyCount; i++) {
                        assertEquals(i, values.get(4 * i).asLong(), file + ": counter sample " + i);
                        assertEquals(i / 1000.0, stamps.get(i).asDouble(), file + ": stamp " + i);
                    }
                }
            }
            XdfFile mine = XdfReader.read(file, XdfReader.Options.raw());
            long myCount = mine.stream("Counter").map(XdfStream::sampleCount).orElse(0);
            assertTrue(myCount <= pyCount && pyCount - myCount <= 5, file + ": Frisson " + myCount + ", pyxdf " + pyCount);
            assertTrue(myCount >= b[1], file + ": " + myCount + " samples, but " + b[1] + " were reported written");
            assertTrue(myCount >= b[2], file + ": " + myCount + " samples, but " + b[2]
                    + " had been pushed more than " + (FLUSH_SECONDS + MARGIN_SECONDS) + " s before the kill");
            // the child may have appended one more chunk of 5 samples without living to print it
            assertTrue(myCount <= b[0] + 5, file + ": " + myCount + " samples, more than the " + b[0] + " pushed");
            report.append(String.format("  %s: pyxdf loads %d counter samples, Frisson %d, %d problem(s)%n",
                    file.getFileName(), pyCount, myCount, mine.problems().size()));
        }
        System.out.print("kill -9 of a recording process, " + KILLS + " times:\n" + report);
    }

    /** @return {pushed before the kill, most reported written, pushed before kill - flush - margin} */
    private long[] runAndKill(Path file, boolean early, long delayMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                XdfKillChild.class.getName(), file.toString()).redirectErrorStream(true).start();
        List<Progress> progress = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] w = line.split(" ");
                    if (w.length == 4 && w[0].equals("pushed")) {
                        synchronized (progress) {
                            progress.add(new Progress(System.nanoTime(), Long.parseLong(w[1]), Long.parseLong(w[3])));
                        }
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child is gone
            }
        }, "kill-test-reader");
        reader.setDaemon(true);
        reader.start();
        long killAt;
        try {
            if (!early) {
                await("the child's first progress line").atMost(Duration.ofSeconds(60)).until(() -> {
                    synchronized (progress) {
                        return !progress.isEmpty();
                    }
                });
            }
            Thread.sleep(delayMillis); // when to kill: what the test varies, not a wait for anything
            killAt = System.nanoTime();
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed child did not exit");
            reader.join(10_000);
        } finally {
            p.destroyForcibly();
        }
        long pushed = 0;
        long written = 0;
        long required = 0;
        long cutoff = killAt - (long) ((FLUSH_SECONDS + MARGIN_SECONDS) * 1e9);
        synchronized (progress) {
            for (Progress pr : progress) {
                if (pr.atNanos() <= killAt) {
                    pushed = Math.max(pushed, pr.pushed());
                    written = Math.max(written, pr.written());
                }
                if (pr.atNanos() <= cutoff) {
                    required = Math.max(required, pr.pushed());
                }
            }
            if (!progress.isEmpty()) {
                pushed = Math.max(pushed, progress.get(progress.size() - 1).pushed());
            }
        }
        return new long[]{pushed, written, required};
    }
}
