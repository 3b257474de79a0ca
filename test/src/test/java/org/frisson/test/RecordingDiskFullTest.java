package org.frisson.test;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;
import org.frisson.testsupport.VenvPython;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code frisson run --record} on a disk that fills up: the child may not grow any file beyond 1 MiB
 * ({@code ulimit -f}), so the recording's writes fail with "File too large" a few seconds in, as they would
 * on a full disk, while the session goes on.
 */
class RecordingDiskFullTest {

    /** The limit on every file the child writes, KiB. */
    private static final long LIMIT_KIB = 1024;
    private static final int CHANNELS = 16;
    private static final double RATE = 2000;

    @TempDir
    Path dir;
    private final String tag = "diskfull" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final List<AutoCloseable> open = new ArrayList<>();
    private volatile boolean pushing = true;

    @AfterEach
    void closeAll() throws Exception {
        pushing = false;
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A 16-channel 2 kHz float32 counter in real time (channel 0 = sample number): about 140 KiB a second. */
    private void counter() {
        StreamInfo info = StreamInfo.builder("Counter", "EEG").channelCount(CHANNELS).rate(RATE)
                .format(ChannelFormat.FLOAT32).sourceId(tag).build();
        Outlet out = Outlet.open(info);
        open.add(info);
        open.add(out);
        RealTimeCounter.start(out, CHANNELS, RATE, 20, () -> pushing);
    }

    @Test
    void aFullDiskStopsTheRecordingWithOneLineKeepsItsFileReadableAndTheSessionGoesOn() throws Exception {
        counter();
        Path config = dir.resolve("diskfull.yaml");
        Files.writeString(config, "pipeline: {hop: 0.25}\n"
                + "inputs:\n  counter: {query: \"source_id='" + tag + "'\", timeout: 1.0}\n"
                + "stages:\n  - {name: last, kind: latest, input: counter, window: 1.0}\n"
                + "outputs:\n  features: {name: frisson.features." + tag + ", type: Features, source_id: " + tag
                + "-features}\n  health: {name: frisson.health." + tag + ", type: Health, source_id: " + tag
                + "-health}\n");
        Path file = dir.resolve("session.xdf");
        String log;
        try (FrissonChild run = FrissonChild.startWithFileSizeLimit(LIMIT_KIB, "run", "--config", config.toString(),
                "--record", file.toString(), "--no-dashboard", "--duration", "300")) {
            run.awaitLog("recording every input and output to " + file, Duration.ofSeconds(60));
            run.awaitLog("XDF recording " + file + ": write failed", Duration.ofSeconds(120));
            // the session goes on: outputs computed from samples pushed after the failure keep coming
            StreamInfo found = org.frisson.lsl.Resolver.first("source_id='" + tag + "-features'", 30)
                    .orElseThrow(() -> new AssertionError("no features output:\n" + run.log()));
            open.add(found);
            Inlet features = Inlet.open(found);
            open.add(features);
            features.openStream(30);
            double failedSeen = Lsl.localClock();
            double[] sample = new double[found.channelCount()];
            double[] stamp = new double[1];
            List<Double> counters = new ArrayList<>();
            await("outputs after the recording failed").atMost(Duration.ofSeconds(60)).until(() -> {
                while (features.pull(sample, stamp, 0.1) > 0) {
                    if (stamp[0] > failedSeen) {
                        counters.add(sample[0]);
                    }
                }
                return counters.size() >= 8;
            });
            for (int i = 1; i < counters.size(); i++) {
                assertTrue(counters.get(i) > counters.get(i - 1), "the newest counter value moves on: " + counters);
            }
            // stopped as Ctrl-C would: the session ends as usual, saying what the recording could not take
            assertEquals(0, run.stop(), run.log());
            log = run.log();
        }
        // one line when it failed, naming the file and the cause; nothing switched off, nothing else thrown
        List<String> failed = log.lines().filter(l -> l.contains("write failed")).toList();
        assertEquals(1, failed.size(), log);
        assertTrue(failed.get(0).startsWith("XDF recording " + file + ": write failed (File too large)"), log);
        assertTrue(log.lines().noneMatch(l -> l.contains("switched off") || l.contains("UncheckedIOException")), log);
        // counted: every sample the session took after the failure
        Matcher dropped = Pattern.compile("recording " + Pattern.quote(file.toString())
                + ": (\\d+) samples could not be written").matcher(log);
        assertTrue(dropped.find(), log);
        long lost = Long.parseLong(dropped.group(1));
        assertTrue(lost > 0, log);

        // the file so far: cut back to its last whole chunk, read without damage by Frisson and by pyxdf
        long size = Files.size(file);
        assertTrue(size <= LIMIT_KIB * 1024, "file of " + size + " bytes");
        XdfFile mine = XdfReader.read(file, XdfReader.Options.raw());
        assertEquals(List.of(), mine.problems());
        XdfStream counter = mine.stream("Counter").orElseThrow();
        long first = (long) counter.value(0, 0);
        for (int i = 0; i < counter.sampleCount(); i++) {
            assertEquals(first + i, (long) counter.value(i, 0), "counter sample " + i + ": none missing before the end");
        }
        JsonNode py = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                .readTree(VenvPython.runOk(120, "lsl-bridge/python/xdf_dump.py", file.toString()).out()).get(0);
        assertTrue(py.get("ok").asBoolean(), () -> "pyxdf: " + py.get("error"));
        JsonNode pyCounter = null;
        for (JsonNode st : py.get("streams")) {
            if (st.get("name").asText().equals("Counter")) {
                pyCounter = st;
            }
        }
        assertTrue(pyCounter != null, "pyxdf sees the counter");
        assertEquals(counter.sampleCount(), pyCounter.get("stamps").size(), "pyxdf reads the same samples");
        assertEquals(counter.stamps()[counter.sampleCount() - 1],
                pyCounter.get("stamps").get(counter.sampleCount() - 1).asDouble(), "the same last stamp");
        System.out.printf("disk full: the file stopped at %d bytes (limit %d) with %d counter samples (%.1f s), read"
                        + " without damage by Frisson and pyxdf; %d samples counted as not written; outputs went on%n",
                size, LIMIT_KIB * 1024, counter.sampleCount(), counter.sampleCount() / RATE, lost);
    }
}
