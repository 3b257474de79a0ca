package org.frisson.xdf;

import com.fasterxml.jackson.databind.JsonNode;
import org.frisson.lsl.ChannelFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Truncated files, garbled chunks, a wrong magic code, hostile XML: the reader names the file and the byte
 * offset, returns the readable part, and returns what pyxdf returns wherever pyxdf copes.
 */
class XdfDamageTest {

    @TempDir
    Path dir;
    private Path intact;
    private byte[] bytes;
    private XdfFile full;

    /** Two streams in small chunks, clock offsets, boundaries: a recording in miniature. */
    @BeforeEach
    void record() throws Exception {
        intact = dir.resolve("intact.xdf");
        try (XdfRecorder rec = XdfRecorder.create(intact, XdfRecorder.options().boundaryInterval(0.002))) {
            int eeg = rec.addStream(XdfRecorderTest.header("EEG", 2, ChannelFormat.FLOAT32, 100));
            int mk = rec.addStream(XdfRecorderTest.header("Markers", 1, ChannelFormat.STRING, 0));
            for (int c = 0; c < 40; c++) {
                float[] v = new float[20];
                double[] t = new double[10];
                for (int i = 0; i < 10; i++) {
                    t[i] = 100 + (c * 10 + i) * 0.01;
                    v[2 * i] = c * 10 + i;
                    v[2 * i + 1] = -(c * 10 + i);
                }
                rec.append(eeg, v, t, 10);
                rec.append(mk, new String[]{"m" + c}, new double[]{t[0]}, 1);
                if (c % 10 == 0) {
                    rec.clockOffset(eeg, 100 + c * 0.1, 0.5);
                    rec.clockOffset(mk, 100 + c * 0.1, 0.5);
                }
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (rec.writtenSamples(eeg) < (c + 1) * 10L && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (c % 10 == 5) {
                    // let the writer put a boundary between these chunks and the next ones
                    long before = XdfReader.read(intact, XdfReader.Options.raw()).chunkCount(ChunkType.BOUNDARY);
                    await().atMost(Duration.ofSeconds(10)).until(() ->
                            XdfReader.read(intact, XdfReader.Options.raw()).chunkCount(ChunkType.BOUNDARY) > before);
                }
            }
        }
        bytes = Files.readAllBytes(intact);
        full = XdfReader.read(intact, XdfReader.Options.raw());
        assertEquals(List.of(), full.problems());
        assertTrue(full.chunkCount(ChunkType.BOUNDARY) >= 3, "boundaries between the chunks");
    }

    @Test
    void wrongMagicIsRefusedNamingFileAndOffset() throws Exception {
        Path bad = dir.resolve("bad.xdf");
        byte[] b = bytes.clone();
        b[0] = 'Y';
        Files.write(bad, b);
        XdfFormatException e = assertThrows(XdfFormatException.class, () -> XdfReader.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": byte 0: not an XDF file"), e.getMessage());
        assertTrue(e.getMessage().contains("magic code 'XDF:'"), e.getMessage());
        assertEquals(0, e.offset());
        Path empty = dir.resolve("empty.xdf");
        Files.write(empty, new byte[]{'X', 'D'});
        assertThrows(XdfFormatException.class, () -> XdfReader.read(empty));
        assertFalse(PyXdf.load(false, false, bad).get(0).get("ok").asBoolean(), "pyxdf refuses it too");
    }

    @Test
    void truncatedFilesGiveTheReadablePrefixLikePyxdf() throws Exception {
        List<Long> chunks = chunkOffsets(bytes);
        TreeSet<Integer> cuts = new TreeSet<>();
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 40; i++) {
            cuts.add(4 + rnd.nextInt(bytes.length - 4));
        }
        for (int i = 0; i < 12; i++) {
            long at = chunks.get(rnd.nextInt(chunks.size()));
            cuts.add((int) at);
            cuts.add((int) at + 1);
            cuts.add((int) at + 3);
        }
        cuts.add(bytes.length - 1);
        List<Path> files = new ArrayList<>();
        for (int cut : cuts) {
            Path p = dir.resolve("cut-" + cut + ".xdf");
            Files.write(p, Arrays.copyOf(bytes, cut));
            files.add(p);
        }
        List<JsonNode> theirs = PyXdf.load(false, false, files.toArray(Path[]::new));
        int compared = 0;
        for (int k = 0; k < files.size(); k++) {
            Path p = files.get(k);
            int cut = cuts.stream().skip(k).findFirst().orElseThrow();
            XdfFile mine = XdfReader.read(p, XdfReader.Options.raw());
            boolean atChunk = chunks.contains((long) cut);
            assertEquals(atChunk, mine.problems().isEmpty(), p + ": problems " + mine.problems());
            for (XdfProblem pr : mine.problems()) {
                assertTrue(pr.toString().startsWith(p + ": byte "), pr.toString());
                assertTrue(pr.offset() >= 0 && pr.offset() <= cut, pr.toString());
            }
            for (XdfStream s : mine.streams()) {
                XdfStream whole = full.stream(s.name()).orElseThrow();
                assertTrue(s.sampleCount() <= whole.sampleCount());
                assertArrayEquals(Arrays.copyOf(whole.stamps(), s.sampleCount()), s.stamps(), p + " " + s.name());
                for (int i = 0; i < s.sampleCount(); i++) {
                    assertEquals(whole.text(i, 0), s.text(i, 0), p + " " + s.name() + " sample " + i);
                }
            }
            if (theirs.get(k).get("ok").asBoolean()) {
                PyXdfComparison cmp = new PyXdfComparison();
                cmp.pyxdfTailAllowance = 10; // one chunk: pyxdf keeps a chunk whose last sample is cut short
                cmp.compare(mine, theirs.get(k), 0.0);
                compared++;
            }
        }
        System.out.printf("truncation at %d offsets: every prefix readable; pyxdf loaded %d of them, same result%n",
                files.size(), compared);
        assertTrue(compared >= files.size() / 2, "pyxdf loaded " + compared + " of " + files.size());
    }

    @Test
    void garbledChunkLengthResumesAtTheNextBoundaryLikePyxdf() throws Exception {
        long at = samplesChunkNear(bytes.length / 2);
        byte[] b = bytes.clone();
        b[(int) at] = 7;
        Path bad = dir.resolve("garbled-length.xdf");
        Files.write(bad, b);
        XdfFile mine = XdfReader.read(bad, XdfReader.Options.raw());
        XdfProblem first = mine.problems().get(0);
        assertEquals(at, first.offset());
        assertTrue(first.toString().startsWith(bad + ": byte " + at + ": chunk length has an invalid byte count 7"),
                first.toString());
        XdfStream eeg = mine.stream("EEG").orElseThrow();
        assertTrue(eeg.sampleCount() < 400 && eeg.sampleCount() >= 200, "samples " + eeg.sampleCount());
        assertEquals(399.0, eeg.value(eeg.sampleCount() - 1, 0), "reading resumed and reached the end");
        new PyXdfComparison().compare(mine, PyXdf.loadOne(false, false, bad), 0.0);
        assertThrows(XdfFormatException.class, () -> XdfReader.read(bad, XdfReader.Options.raw().strict(true)));
    }

    @Test
    void garbledSampleCountDropsThatChunkOnly() throws Exception {
        long at = samplesChunkNear(bytes.length / 3);
        byte[] b = bytes.clone();
        // [len width][len][tag 2][stream id 4][count width][count]: make the count claim far more than the chunk holds
        int lenWidth = b[(int) at];
        int countAt = (int) at + 1 + lenWidth + 2 + 4;
        assertEquals(1, b[countAt]);
        b[countAt + 1] = (byte) 250;
        Path bad = dir.resolve("garbled-count.xdf");
        Files.write(bad, b);
        XdfFile mine = XdfReader.read(bad, XdfReader.Options.raw());
        XdfProblem first = mine.problems().get(0);
        assertEquals(at, first.offset());
        assertTrue(first.message().startsWith("garbled Samples chunk of stream 'EEG' (id 1): claims 250 samples"),
                first.message());
        XdfStream eeg = mine.stream("EEG").orElseThrow();
        assertTrue(eeg.sampleCount() < 400, "the garbled chunk is dropped");
        assertEquals(399.0, eeg.value(eeg.sampleCount() - 1, 0), "reading resumed at the next boundary");
        for (int i = 1; i < eeg.sampleCount(); i++) {
            assertTrue(eeg.value(i, 0) > eeg.value(i - 1, 0), "no garbage samples");
        }
    }

    @Test
    void anAbsurdSampleCountIsListedAsDamageNotAnError() throws Exception {
        long at = samplesChunkNear(bytes.length / 3);
        byte[] b = bytes.clone();
        // the count as 8 bytes (over the chunk's first sample) claiming ceil(2^64 / 9) samples of at least 9 bytes:
        // count times size wraps to 2 in 64-bit arithmetic
        int lenWidth = b[(int) at];
        int countAt = (int) at + 1 + lenWidth + 2 + 4;
        b[countAt] = 8;
        java.nio.ByteBuffer.wrap(b, countAt + 1, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0x1C71C71C71C71C72L);
        Path bad = dir.resolve("absurd-count.xdf");
        Files.write(bad, b);
        XdfFile mine = XdfReader.read(bad, XdfReader.Options.raw());
        XdfProblem first = mine.problems().get(0);
        assertEquals(at, first.offset());
        assertTrue(first.message().startsWith("garbled Samples chunk of stream 'EEG' (id 1): claims "
                + Long.toUnsignedString(0x1C71C71C71C71C72L) + " samples"), first.message());
        XdfStream eeg = mine.stream("EEG").orElseThrow();
        assertEquals(399.0, eeg.value(eeg.sampleCount() - 1, 0), "reading resumed at the next boundary");
    }

    @Test
    void hostileOrBrokenStreamXmlIsReportedAndTheRestRead() throws Exception {
        ChunkEncoder enc = new ChunkEncoder(1024);
        enc.fileHeader("<?xml version=\"1.0\"?><info><version>1.0</version></info>".getBytes(StandardCharsets.UTF_8));
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<info><name>&x;</name><channel_count>1</channel_count><nominal_srate>0</nominal_srate>"
                + "<channel_format>float32</channel_format></info>";
        enc.streamHeader(1, evil.getBytes(StandardCharsets.UTF_8));
        enc.streamHeader(2, XdfRecorderTest.header("Good", 1, ChannelFormat.INT8, 0).getBytes(StandardCharsets.UTF_8));
        enc.samples(1, 1, new float[]{1}, 0, 1, new double[]{1});
        enc.boundary();
        enc.samples(2, 1, new byte[]{42}, 0, 1, new double[]{2});
        enc.streamFooter(2, "<info><sample_count>1".getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("hostile.xdf");
        ByteBuffer out = ByteBuffer.allocate(4 + enc.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(XdfFormat.MAGIC).put(enc.bytes());
        Files.write(f, out.array());
        XdfFile mine = XdfReader.read(f, XdfReader.Options.raw());
        assertEquals(1, mine.streams().size());
        assertEquals("Good", mine.streams().get(0).name());
        assertEquals(42, mine.streams().get(0).longValue(0, 0));
        String all = mine.problems().toString();
        assertTrue(all.contains("unusable StreamHeader of stream id 1") && all.contains("DOCTYPE"), all);
        assertTrue(all.contains("Samples chunk for stream id 1 that has no StreamHeader"), all);
        assertTrue(all.contains("StreamFooter of stream 'Good' is malformed"), all);
        assertEquals(null, mine.streams().get(0).footerXml());
    }

    /** The first Samples chunk of the EEG stream (id 1) at or after {@code target}. */
    private long samplesChunkNear(long target) {
        for (long at : chunkOffsets(bytes)) {
            int w = bytes[(int) at];
            if (at >= target && tagAt(bytes, at) == ChunkType.SAMPLES.tag()
                    && ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt((int) at + 3 + w) == 1) {
                return at;
            }
        }
        throw new AssertionError("no Samples chunk after byte " + target);
    }

    /** Byte offsets where chunks start (and the end of the file). */
    static List<Long> chunkOffsets(byte[] b) {
        List<Long> out = new ArrayList<>();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 4;
        while (pos < b.length) {
            out.add((long) pos);
            int w = b[pos];
            long len = w == 1 ? b[pos + 1] & 0xFF : w == 4 ? bb.getInt(pos + 1) & 0xFFFFFFFFL : bb.getLong(pos + 1);
            pos += 1 + w + (int) len;
        }
        out.add((long) b.length);
        return out;
    }

    private static int tagAt(byte[] b, long at) {
        int w = b[(int) at];
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort((int) at + 1 + w) & 0xFFFF;
    }
}
