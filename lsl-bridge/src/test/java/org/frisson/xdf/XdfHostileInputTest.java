package org.frisson.xdf;

import org.frisson.xdf.HostileXdf.Chunk;
import org.frisson.xdf.HostileXdf.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The damaged files that once made the reader fail, kept as they were found by {@link XdfFuzzTest}, and the
 * hostile cases the fuzzer's properties stand on: each must be read with its damage listed (naming the chunk's
 * offset) or refused naming the file and offset, within the allocation bound of {@link HostileXdf#check}.
 */
class XdfHostileInputTest {

    @TempDir
    Path dir;
    private byte[] seed;
    private List<Chunk> chunks;

    @BeforeEach
    void seed() {
        seed = HostileXdf.seed(dir);
        chunks = HostileXdf.chunks(seed);
    }

    @Test
    void theSeedIsIntact() {
        Outcome o = HostileXdf.check(dir, seed, "seed");
        assertEquals(List.of(), o.file().problems());
        assertEquals(List.of("EEG", "Acc", "Markers"), o.file().streams().stream().map(XdfStream::name).toList());
        assertEquals(30, o.file().stream("EEG").orElseThrow().sampleCount());
        assertEquals(15, o.file().stream("Acc").orElseThrow().sampleCount());
        assertEquals(6, o.file().stream("Markers").orElseThrow().sampleCount());
        assertEquals(3, o.file().chunkCount(ChunkType.BOUNDARY));
    }

    /**
     * Found by {@code absurdHeaderFields}: {@code HeaderField[stream=0, field=channel_count, text=2147483647]}. The
     * store allocated 64 samples' worth of values up front, 64 * channel_count, which wrapped to a negative size
     * (NegativeArraySizeException); a channel count of ten million made it allocate 2.5 GB before any sample.
     */
    @Test
    void anAbsurdChannelCountIsStoredNothingForAndItsSamplesAreDroppedAsGarbled() {
        for (String count : List.of("2147483647", "1000000000", "10000000", "268435456", "33554432")) {
            Chunk eeg = HostileXdf.chunks(seed, ChunkType.STREAM_HEADER).get(0);
            byte[] b = HostileXdf.replaceHeader(seed, eeg, HostileXdf.utf8(
                    HostileXdf.EEG.replace("<channel_count>4<", "<channel_count>" + count + "<")));
            Outcome o = HostileXdf.check(dir, b, "channel_count " + count);
            XdfFile f = o.file();
            assertNotNull(f, count);
            XdfStream s = f.stream("EEG").orElseThrow();
            assertEquals(Integer.parseInt(count), s.channelCount());
            assertEquals(0, s.sampleCount(), count);
            for (Chunk c : HostileXdf.chunks(b, ChunkType.SAMPLES)) {
                if (c.streamId() == 1) {
                    assertTrue(f.problems().stream().anyMatch(p -> p.offset() == c.start()
                            && p.message().contains("garbled Samples chunk of stream 'EEG'")
                            && p.message().contains("samples of at least " + (1 + 4L * Long.parseLong(count)) + " bytes each")),
                            f.problems().toString());
                }
            }
            // each block's chunks after the garbled one are stepped over up to its boundary; the footers are read
            assertEquals(List.of("EEG", "Acc", "Markers"), f.streams().stream().map(XdfStream::name).toList());
            assertTrue(f.streams().stream().allMatch(x -> x.footerXml() != null));
        }
    }

    /** A Samples chunk claiming 2^31-1, 2^32-1, 2^63-1 or 2^64-1 samples: listed as damage at its offset. */
    @Test
    void anAbsurdSampleCountIsListedAsDamageAtTheChunk() {
        Chunk samples = HostileXdf.chunks(seed, ChunkType.SAMPLES).get(0);
        for (long count : new long[]{0x7FFF_FFFFL, 0xFFFF_FFFFL, Long.MAX_VALUE, -1L}) {
            int width = count == 0x7FFF_FFFFL || count == 0xFFFF_FFFFL ? 4 : 8;
            int at = samples.countAt();
            byte[] b = HostileXdf.splice(seed, at, at + 1 + seed[at], HostileXdf.varLen(width, count));
            Outcome o = HostileXdf.check(dir, b, "sample count " + Long.toUnsignedString(count));
            assertTrue(o.file().problems().stream().anyMatch(p -> p.offset() == samples.start()
                    && p.message().startsWith("garbled Samples chunk of stream 'EEG'")), o.file().problems().toString());
            assertTrue(o.file().problems().get(0).toString().startsWith(o.file().path() + ": byte " + samples.start() + ": "));
        }
    }

    /** Chunk lengths of 0, 2^31-1 and 2^63-1: the reader scans to the next boundary and says so. */
    @Test
    void anAbsurdChunkLengthSendsTheReaderToTheNextBoundary() {
        Chunk samples = HostileXdf.chunks(seed, ChunkType.SAMPLES).get(1);
        for (long length : new long[]{0, 0x7FFF_FFFFL, Long.MAX_VALUE, -1L}) {
            byte[] b = HostileXdf.splice(seed, samples.start(), samples.contentAt() - 2, HostileXdf.varLen(8, length));
            Outcome o = HostileXdf.check(dir, b, "chunk length " + Long.toUnsignedString(length));
            assertTrue(o.file().problems().stream().anyMatch(p -> p.offset() == samples.start()), o.file().problems().toString());
            assertEquals(3, o.file().streams().size());
        }
    }

    /** External entities, parameter entities and entity expansion in a StreamHeader are refused: the stream is ignored. */
    @Test
    void aStreamHeaderWithADoctypeIsRefusedWithoutResolvingAnything() {
        String[] hostile = {
                "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><info><name>&x;</name>"
                        + "<channel_count>1</channel_count><nominal_srate>0</nominal_srate><channel_format>string</channel_format></info>",
                "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\">%p;]><info><name>P</name>"
                        + "<channel_count>1</channel_count><nominal_srate>0</nominal_srate><channel_format>string</channel_format></info>",
                "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;\">]><info><name>&d;</name>"
                        + "<channel_count>1</channel_count><nominal_srate>0</nominal_srate><channel_format>string</channel_format></info>"};
        Chunk markers = HostileXdf.chunks(seed, ChunkType.STREAM_HEADER).get(2);
        for (String xml : hostile) {
            byte[] b = HostileXdf.replaceHeader(seed, markers, HostileXdf.utf8(xml));
            Outcome o = HostileXdf.check(dir, b, xml);
            XdfFile f = o.file();
            assertEquals(List.of("EEG", "Acc"), f.streams().stream().map(XdfStream::name).toList());
            assertTrue(f.problems().stream().anyMatch(p -> p.offset() == markers.start()
                    && p.message().startsWith("unusable StreamHeader of stream id 3")
                    && p.message().contains("DOCTYPE")), f.problems().toString());
            assertFalse(f.problems().stream().anyMatch(p -> p.message().contains("root:")), "nothing of /etc/passwd");
        }
    }

    /** Invalid UTF-8 in a string sample becomes U+FFFD; the stream and its other samples are kept. */
    @Test
    void invalidUtf8InAStringSampleIsReplacedNotFatal() {
        int[] value = HostileXdf.stringValues(seed).get(1);
        byte[] b = HostileXdf.copy(seed);
        byte[] bad = {(byte) 0xC0, (byte) 0x80, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF};
        for (int i = 0; i < value[2]; i++) {
            b[value[1] + i] = bad[i % bad.length];
        }
        XdfFile f = HostileXdf.check(dir, b, "invalid UTF-8").file();
        assertEquals(List.of(), f.problems());
        String[] markers = (String[]) f.stream("Markers").orElseThrow().values();
        assertEquals(6, markers.length);
        assertEquals("start 0", markers[0]);
        assertTrue(markers[1].chars().allMatch(c -> c == 0xFFFD), markers[1]);
        assertEquals(new String(seed, HostileXdf.stringValues(seed).get(2)[1], HostileXdf.stringValues(seed).get(2)[2],
                StandardCharsets.UTF_8), markers[2]);
    }

    /** Truncation at every offset of the seed: each prefix is read or refused, never anything else. */
    @Test
    void everyTruncationIsReadOrRefused() {
        int refused = 0;
        for (int cut = 0; cut < seed.length; cut++) {
            Outcome o = HostileXdf.check(dir, java.util.Arrays.copyOf(seed, cut), "cut at " + cut);
            if (o.refused() != null) {
                refused++;
                assertTrue(cut < chunks.get(0).start(), "only a prefix without the whole magic code is refused: " + cut);
            }
        }
        assertEquals(4, refused);
    }
}
