package org.frisson.xdf;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.LslException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XdfRecorderTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    static String header(String name, int channels, ChannelFormat f, double rate) {
        return "<?xml version=\"1.0\"?><info><name>" + name + "</name><type>Test</type><channel_count>" + channels
                + "</channel_count><nominal_srate>" + rate + "</nominal_srate><channel_format>" + f.lslName()
                + "</channel_format><source_id>" + name + "</source_id><desc/></info>";
    }

    @Test
    void backPressureHoldsProducersInsteadOfDropping() throws Exception {
        Path file = dir.resolve("pressure.xdf");
        int chunks = 20_000;
        int per = 8;
        List<String> errors = new CopyOnWriteArrayList<>();
        int[] ids = new int[2];
        try (XdfRecorder rec = XdfRecorder.create(file, XdfRecorder.options().queueChunks(1).onError(errors::add))) {
            ids[0] = rec.addStream(header("a", 4, ChannelFormat.FLOAT32, 1000));
            ids[1] = rec.addStream(header("b", 2, ChannelFormat.INT32, 1000));
            Thread a = new Thread(() -> {
                float[] v = new float[4 * per];
                double[] t = new double[per];
                for (int c = 0; c < chunks; c++) {
                    for (int i = 0; i < per; i++) {
                        t[i] = c * per + i;
                        v[4 * i] = c * per + i;
                    }
                    rec.append(ids[0], v, t, per);
                }
            });
            a.start();
            int[] w = new int[2 * per];
            double[] t = new double[per];
            for (int c = 0; c < chunks; c++) {
                for (int i = 0; i < per; i++) {
                    t[i] = c * per + i;
                    w[2 * i] = c * per + i;
                }
                rec.append(ids[1], w, t, per);
            }
            a.join(60_000);
            assertEquals(0, rec.droppedSamples());
        }
        assertEquals(List.of(), errors);
        XdfFile f = XdfReader.read(file, XdfReader.Options.raw());
        assertEquals(List.of(), f.problems());
        for (XdfStream s : f.streams()) {
            assertEquals(chunks * per, s.sampleCount(), s.name());
            for (int i = 0; i < s.sampleCount(); i++) {
                if (s.value(i, 0) != i || s.stamps()[i] != i) {
                    throw new AssertionError(s.name() + ": sample " + i + " out of order or missing");
                }
            }
        }
    }

    @Test
    void samplesThatFindNoRoomAreCountedAndReportedNeverLostSilently() throws Exception {
        Path file = dir.resolve("drops.xdf");
        List<String> errors = new CopyOnWriteArrayList<>();
        long pushed = 0;
        long appended;
        long dropped;
        try (XdfRecorder rec = XdfRecorder.create(file, XdfRecorder.options().queueChunks(1).maxWait(1e-9)
                .onError(errors::add))) {
            int id = rec.addStream(header("fast", 64, ChannelFormat.DOUBLE64, 1000));
            double[] v = new double[64 * 32];
            double[] t = new double[32];
            for (int c = 0; c < 20_000; c++) {
                rec.append(id, v, t, 32);
                pushed += 32;
            }
            appended = rec.appendedSamples(id);
            dropped = rec.droppedSamples();
        }
        XdfStream s = XdfReader.read(file, XdfReader.Options.raw()).streams().get(0);
        assertEquals(appended, s.sampleCount(), "every accepted sample is in the file");
        assertEquals(pushed, appended + dropped, "accepted + dropped = pushed");
        assertEquals(dropped / 32, errors.size(), "one report per dropped chunk");
        errors.forEach(e -> assertTrue(e.contains(file.toString()) && e.contains("'fast'") && e.contains("dropped"), e));
        System.out.printf("queue of 1 chunk, no waiting: %d of %d samples dropped, each counted and reported%n",
                dropped, pushed);
    }

    /**
     * Appends in batches that fit the queue (the disk keeps up, as in a recording), measuring only the
     * appending thread's allocation during the appends: the chunk buffers are pooled and reused.
     */
    @Test
    void steadyStateAppendsAllocateAlmostNothing() throws Exception {
        assertTrue(THREADS.isThreadAllocatedMemorySupported());
        try (XdfRecorder rec = XdfRecorder.create(dir.resolve("alloc.xdf"))) {
            int id = rec.addStream(header("EEG", 32, ChannelFormat.FLOAT32, 128));
            int markers = rec.addStream(header("Markers", 1, ChannelFormat.STRING, 0));
            float[] v = new float[32 * 16];
            double[] t = new double[16];
            String[] m = {"chill_on"};
            double[] mt = new double[1];
            long bytes = 0;
            long chunks = 0;
            long expected = 0;
            for (int batch = 0; batch < 400; batch++) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int c = 0; c < 100; c++) {
                    t[0] = c;
                    rec.append(id, v, t, 16);
                    rec.append(markers, m, mt, 1);
                }
                long after = THREADS.getCurrentThreadAllocatedBytes();
                expected += 1600;
                if (batch >= 200) { // the first half warms up the JIT
                    bytes += after - before;
                    chunks += 200;
                }
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (rec.writtenSamples(id) < expected && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertEquals(expected, rec.writtenSamples(id), "writer keeps up within 30 s");
            }
            double perChunk = (double) bytes / chunks;
            System.out.printf("producer allocation in steady state: %.3f bytes per appended chunk (%d chunks)%n",
                    perChunk, chunks);
            // a chunk's values alone are 2 KiB: this bound leaves room only for the queue lock's rare wait node
            assertTrue(perChunk < 64, "bytes allocated per chunk: " + perChunk);
        }
    }

    @Test
    void chunksReachTheFileWhileRecordingWithBoundariesOnSchedule() throws Exception {
        Path file = dir.resolve("live.xdf");
        try (XdfRecorder rec = XdfRecorder.create(file, XdfRecorder.options().boundaryInterval(0.02))) {
            int id = rec.addStream(header("GSR", 1, ChannelFormat.FLOAT32, 32));
            rec.append(id, new float[]{1, 2, 3}, new double[]{1, 2, 3}, 3);
            rec.clockOffset(id, 5.0, 0.001);
            await().atMost(Duration.ofSeconds(10)).until(() -> rec.writtenSamples(id) == 3);
            AtomicLong boundaries = new AtomicLong();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                XdfFile f = XdfReader.read(file, XdfReader.Options.raw());
                boundaries.set(f.chunkCount(ChunkType.BOUNDARY));
                return f.streams().size() == 1 && f.streams().get(0).sampleCount() == 3 && boundaries.get() >= 2;
            });
            XdfStream open = XdfReader.read(file, XdfReader.Options.raw()).streams().get(0);
            assertEquals(null, open.footerXml(), "no footer before close");
            assertEquals(1, open.clockTimes().length);
        }
        XdfFile f = XdfReader.read(file, XdfReader.Options.raw());
        assertEquals(List.of(), f.problems());
        assertEquals("3", f.streams().get(0).footer().text("sample_count"));
        assertEquals("1.0", f.streams().get(0).footer().text("first_timestamp"));
        assertEquals("3.0", f.streams().get(0).footer().text("last_timestamp"));
        assertTrue(PyXdf.loadOne(false, false, file).get("streams").get(0).get("stamps").size() == 3);
    }

    @Test
    void refusesWhatItCannotRecordWithErrorsNamingFileStreamAndField() throws Exception {
        Path file = dir.resolve("errors.xdf");
        Files.writeString(dir.resolve("taken.xdf"), "x");
        FileAlreadyExistsException exists = assertThrows(FileAlreadyExistsException.class,
                () -> XdfRecorder.create(dir.resolve("taken.xdf")));
        assertTrue(exists.getMessage().contains("taken.xdf"), exists.getMessage());
        try (XdfRecorder rec = XdfRecorder.create(file)) {
            int id = rec.addStream(header("EEG", 2, ChannelFormat.INT16, 100));
            IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                    () -> rec.append(id, new float[2], new double[1], 1));
            assertTrue(wrongType.getMessage().contains(file.toString()) && wrongType.getMessage().contains("'EEG'")
                    && wrongType.getMessage().contains("channel_format is int16"), wrongType.getMessage());
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                    () -> rec.append(id, new long[]{1, 40_000}, new double[1], 1));
            assertTrue(range.getMessage().contains("'EEG'") && range.getMessage().contains("40000")
                    && range.getMessage().contains("int16"), range.getMessage());
            rec.append(id, new long[]{-32768, 32767}, new double[]{1}, 1);
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> rec.addStream(
                    "<info><name>Bad</name><channel_count>1</channel_count><nominal_srate>1</nominal_srate></info>"));
            assertTrue(missing.getMessage().contains("'Bad'") && missing.getMessage().contains("channel_format"),
                    missing.getMessage());
            assertThrows(LslException.class, () -> rec.addStream("<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY x "
                    + "SYSTEM \"file:///etc/passwd\">]><info><name>&x;</name></info>"));
            IllegalArgumentException shortArray = assertThrows(IllegalArgumentException.class,
                    () -> rec.append(id, new short[3], new double[2], 2));
            assertTrue(shortArray.getMessage().contains("3 values"), shortArray.getMessage());
            rec.close();
            IllegalStateException closed = assertThrows(IllegalStateException.class,
                    () -> rec.append(id, new short[2], new double[1], 1));
            assertTrue(closed.getMessage().contains(file.toString()), closed.getMessage());
        }
        XdfStream s = XdfReader.read(file, XdfReader.Options.raw()).streams().get(0);
        assertEquals(1, s.sampleCount());
        assertEquals(-32768, s.longValue(0, 0));
        assertEquals(32767, s.longValue(0, 1));
    }
}
