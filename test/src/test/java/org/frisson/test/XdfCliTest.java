package org.frisson.test;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.frisson.app.Frisson;
import org.frisson.app.streams.XdfReplay;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import org.frisson.testsupport.VenvPython;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfRecorder;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code frisson record}, {@code replay} and {@code info} end to end over real liblsl, files checked with pyxdf. */
class XdfCliTest {

    @TempDir
    Path dir;
    private final String tag = "xdfcli-" + UUID.randomUUID();
    private final List<AutoCloseable> open = new ArrayList<>();
    private volatile boolean pushing = true;

    @AfterEach
    void closeAll() throws Exception {
        pushing = false;
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A counter's outlet and how many samples it has pushed. */
    private record Counter(Outlet outlet, AtomicLong pushed) {
    }

    /** Publishes a 4-channel 100 Hz float32 counter (channel 0 = sample number) in real time. */
    private Counter counter(String sourceId) {
        StreamInfo info = StreamInfo.builder("Counter", "EEG").channelCount(4).rate(100).format(ChannelFormat.FLOAT32)
                .sourceId(sourceId).channels(List.of("Fz", "Cz", "Pz", "Oz"), "microvolts", "EEG").build();
        Outlet out = Outlet.open(info);
        open.add(info);
        open.add(out);
        return new Counter(out, RealTimeCounter.start(out, 4, 100, 5, () -> pushing));
    }

    @Test
    void recordTakesEveryMatchingStreamIncludingOnesThatAppearLater() throws Exception {
        Path file = dir.resolve("session.xdf");
        Outlet counter = counter(tag + "-eeg").outlet();
        AtomicInteger code = new AtomicInteger(-1);
        Thread rec = new Thread(() -> code.set(Frisson.run("record", "--out", file.toString(), "--duration", "7",
                "--query", "starts-with(source_id,'" + tag + "')")), "record");
        rec.start();
        // the marker stream appears while the recording runs: once the recorder has taken the counter
        assertTrue(counter.waitForConsumers(30), "the recorder never subscribed to the counter");
        StreamInfo mk = StreamInfo.builder("Chills", "Markers").channelCount(1).format(ChannelFormat.STRING)
                .sourceId(tag + "-markers").build();
        Outlet markers = Outlet.open(mk);
        open.add(mk);
        open.add(markers);
        assertTrue(markers.waitForConsumers(10), "the recorder never subscribed to the late stream");
        String[] sent = {"chill_on", "chill_off", "Grüße \uD83C\uDFB5"};
        for (String s : sent) {
            markers.push(new String[]{s}, 1, new double[]{Lsl.localClock()});
            Thread.sleep(200);
        }
        rec.join(30_000);
        assertEquals(0, code.get(), "record exit code");

        XdfFile mine = XdfReader.read(file, XdfReader.Options.raw());
        assertEquals(List.of(), mine.problems());
        XdfStream eeg = mine.stream("Counter").orElseThrow();
        assertTrue(eeg.sampleCount() > 300, "samples " + eeg.sampleCount());
        for (int i = 1; i < eeg.sampleCount(); i++) {
            assertEquals(eeg.value(i - 1, 0) + 1, eeg.value(i, 0), "counter sample " + i + ": nothing lost");
        }
        assertEquals(String.valueOf(eeg.sampleCount()), eeg.footer().text("sample_count"));
        assertTrue(eeg.clockTimes().length >= 2, "clock offsets every 5 s: " + eeg.clockTimes().length);
        assertEquals(List.of("Fz", "Cz", "Pz", "Oz"), eeg.channels().stream().map(c -> c.label()).toList());
        XdfStream chills = mine.stream("Chills").orElseThrow();
        assertArrayEquals(sent, (String[]) chills.values());

        JsonNode py = pyxdf(file);
        assertTrue(py.get("ok").asBoolean(), () -> "pyxdf: " + py.get("error"));
        JsonNode pyEeg = null;
        for (JsonNode s : py.get("streams")) {
            if (s.get("name").asText().equals("Counter")) {
                pyEeg = s;
            }
        }
        assertTrue(pyEeg != null, "pyxdf sees the counter stream");
        assertEquals(eeg.sampleCount(), pyEeg.get("stamps").size());
        assertEquals(eeg.stamps()[0], pyEeg.get("stamps").get(0).asDouble(), "raw stamps as recorded");
        assertEquals("Fz", pyEeg.get("labels").get(0).asText());
        assertEquals(String.valueOf(eeg.sampleCount()), pyEeg.get("footer_sample_count").asText());
    }

    @Test
    void recordFinishesItsFileOnSigterm() throws Exception {
        Path file = dir.resolve("term.xdf");
        AtomicLong pushed = counter(tag + "-term").pushed();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dfrisson.home=" + System.getProperty("frisson.home"), "-cp",
                System.getProperty("java.class.path"), Frisson.class.getName(), "record", "--out", file.toString(),
                "--query", "source_id='" + tag + "-term'").redirectErrorStream(true)
                .redirectOutput(dir.resolve("term.log").toFile()).start();
        try {
            await("the recorder takes the counter").atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(dir.resolve("term.log")).contains("+ stream"));
            // 1.5 s of the counter into the recording (under load its pushes come late, so count them)
            long from = pushed.get();
            await("150 samples pushed while recording").atMost(Duration.ofSeconds(60))
                    .until(() -> pushed.get() >= from + 150);
            p.destroy(); // SIGTERM: finish the current chunk, write the footers, exit 0
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "record did not stop on SIGTERM");
            assertEquals(0, p.exitValue(), Files.readString(dir.resolve("term.log")));
        } finally {
            p.destroyForcibly();
        }
        XdfStream s = XdfReader.read(file, XdfReader.Options.raw()).stream("Counter").orElseThrow();
        assertTrue(s.sampleCount() > 50, "samples " + s.sampleCount());
        assertEquals(String.valueOf(s.sampleCount()), s.footer().text("sample_count"), "footer written on SIGTERM");
    }

    @Test
    void replayPublishesTheOriginalValuesWithTheirTiming() throws Exception {
        Path file = dir.resolve("replay.xdf");
        int n = 150;
        double[] t = new double[n];
        float[] v = new float[2 * n];
        for (int i = 0; i < n; i++) {
            t[i] = 5000 + i / 50.0 + ((i * 7) % 5) * 1e-4; // 50 Hz with jitter
            v[2 * i] = i;
            v[2 * i + 1] = (float) Math.sin(i);
        }
        String[] marks = {"chill_on", "chill_off", "end"};
        double[] markT = {5000.5, 5001.25, t[n - 1]};
        String header;
        try (StreamInfo info = StreamInfo.builder("Replayed", "EEG").channelCount(2).rate(50).format(ChannelFormat.FLOAT32)
                .sourceId(tag + "-replayed").channels(List.of("C3", "C4"), "microvolts", "EEG").build()) {
            header = info.xml();
        }
        try (XdfRecorder rec = XdfRecorder.create(file)) {
            int id = rec.addStream(header);
            rec.append(id, v, t, n);
            int mk = rec.addStream("<?xml version=\"1.0\"?><info><name>ReplayedMarkers</name><type>Markers</type>"
                    + "<channel_count>1</channel_count><nominal_srate>0</nominal_srate><channel_format>string"
                    + "</channel_format><source_id>" + tag + "-replayed-markers</source_id><desc/></info>");
            rec.append(mk, marks, markT, 3);
        }
        double speed = 2;
        XdfReplay replay = new XdfReplay(XdfReplay.read(file), List.of(), speed, false);
        open.add(replay);
        StreamInfo found = Resolver.first("source_id='" + tag + "-replayed'", 10).orElseThrow(
                () -> new AssertionError("replayed stream not on LSL"));
        StreamInfo foundMk = Resolver.first("source_id='" + tag + "-replayed-markers'", 10).orElseThrow();
        Inlet in = Inlet.open(found);
        Inlet inMk = Inlet.open(foundMk);
        open.add(found);
        open.add(foundMk);
        open.add(in);
        open.add(inMk);
        try (StreamInfo full = in.fullInfo(10)) {
            assertEquals(List.of("C3", "C4"), full.channelLabels(), "original <desc> republished");
            assertEquals(50.0, full.nominalRate());
        }
        in.openStream(10);
        inMk.openStream(10);
        Thread player = new Thread(() -> {
            try {
                replay.run(() -> false, 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "replay");
        player.start();
        float[] got = new float[2 * n];
        double[] gotT = new double[n];
        float[] buf = new float[2 * n];
        double[] bufT = new double[n];
        int k = 0;
        long firstArrival = 0;
        long lastArrival = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (k < n && System.nanoTime() < deadline) {
            int m = in.pull(buf, bufT, 0.2);
            if (m > 0) {
                lastArrival = System.nanoTime();
                if (k == 0) {
                    firstArrival = lastArrival;
                }
                System.arraycopy(buf, 0, got, 2 * k, 2 * m);
                System.arraycopy(bufT, 0, gotT, k, m);
                k += m;
            }
        }
        assertEquals(n, k, "samples replayed");
        assertArrayEquals(v, got, "values as recorded");
        for (int i = 1; i < n; i++) {
            assertEquals((t[i] - t[0]) / speed, gotT[i] - gotT[0], 1e-6, "stamp " + i + " relative to the first");
        }
        double arrivedOver = (lastArrival - firstArrival) / 1e9;
        double scheduled = (t[n - 1] - t[0]) / speed;
        assertTrue(arrivedOver >= scheduled - 0.1, "replay paced in time: " + arrivedOver + " s for " + scheduled + " s");
        String[] gotMk = new String[3];
        double[] gotMkT = new double[3];
        int km = 0;
        String[] one = new String[3];
        double[] oneT = new double[3];
        while (km < 3 && System.nanoTime() < deadline) {
            int m = inMk.pull(one, oneT, 0.2);
            System.arraycopy(one, 0, gotMk, km, m);
            System.arraycopy(oneT, 0, gotMkT, km, m);
            km += m;
        }
        assertArrayEquals(marks, gotMk);
        assertEquals((markT[1] - markT[0]) / speed, gotMkT[1] - gotMkT[0], 1e-6);
        assertEquals((markT[0] - t[0]) / speed, gotMkT[0] - gotT[0], 1e-6, "streams stay aligned with each other");
        player.join(10_000);
    }

    @Test
    void infoAndReplayReportProblemsClearly() throws Exception {
        Path resets = Peer.home().resolve("fixtures/xdf/clock_resets.xdf").normalize();
        if (!Files.isRegularFile(resets)) {
            fail("the reference XDF file " + resets + " is missing: it ships with the repository in fixtures/xdf/"
                    + " (see fixtures/README.md)");
        }
        Captured info = capture("info", resets.toString());
        assertEquals(0, info.code, info.err);
        assertTrue(info.out.contains("BioSemi") && info.out.contains("27815") && info.out.contains("MyMarkerStream"),
                info.out);
        assertTrue(info.out.contains("clock segments (samples) [[0, 12875], [12876, 27814]]"), info.out);
        Path file = dir.resolve("cut.xdf");
        try (XdfRecorder rec = XdfRecorder.create(file)) {
            int id = rec.addStream("<info><name>S</name><channel_count>1</channel_count><nominal_srate>10</nominal_srate>"
                    + "<channel_format>double64</channel_format></info>");
            rec.append(id, new double[]{1, 2, 3}, new double[]{1, 1.1, 1.2}, 3);
        }
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length - 7));
        Captured cut = capture("info", file.toString());
        assertEquals(1, cut.code, cut.err);
        assertTrue(cut.out.contains("no footer"), cut.out);
        assertTrue(cut.err.contains("warning: " + file + ": byte ") && cut.err.contains("truncated StreamFooter chunk"),
                cut.err);
        Captured missing = capture("replay", file.toString(), "--streams", "Nope");
        assertEquals(2, missing.code);
        assertTrue(missing.err.contains(file.toString()) && missing.err.contains("no stream 'Nope'")
                && missing.err.contains("'S'"), missing.err);
        Path notXdf = dir.resolve("not.xdf");
        Files.writeString(notXdf, "hello world");
        Captured bad = capture("info", notXdf.toString());
        assertEquals(2, bad.code);
        assertTrue(bad.err.contains(notXdf + ": byte 0: not an XDF file"), bad.err);
    }

    private record Captured(int code, String out, String err) {
    }

    private static synchronized Captured capture(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Frisson.run(args);
            return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static JsonNode pyxdf(Path file) throws Exception {
        return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                .readTree(VenvPython.runOk(120, "lsl-bridge/python/xdf_dump.py", file.toString()).out()).get(0);
    }
}
