package org.frisson.xdf;

import org.frisson.xdf.HostileXdf.Chunk;
import org.frisson.xdf.HostileXdf.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.frisson.xdf.HostileXdf.copy;
import static org.frisson.xdf.HostileXdf.splice;
import static org.frisson.xdf.HostileXdf.varLen;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Damages a small valid recording in many ways and reads each result: the reader must return the file with its
 * damage listed or refuse it with an {@link XdfFormatException} naming the file and offset, never throw anything
 * else, and allocate no more than the file could justify (see {@link HostileXdf#check}). Each test runs one
 * QuickTheories property with a fixed seed and example count, so a run tries the same files every time; a
 * failure prints the mutations that produced it (shrunk), kept afterwards as a plain test in
 * {@link XdfHostileInputTest}.
 */
class XdfFuzzTest {

    private static Path dir;
    private static byte[] seed;
    private static List<Chunk> chunks;
    private static List<int[]> strings;
    /** Per property: how many files were read with damage listed, read without damage, refused. */
    private static final Map<String, int[]> OUTCOMES = new TreeMap<>();

    @BeforeAll
    static void writeSeed() throws IOException {
        dir = Files.createTempDirectory("xdf-fuzz");
        seed = HostileXdf.seed(dir);
        chunks = HostileXdf.chunks(seed);
        strings = HostileXdf.stringValues(seed);
    }

    @AfterAll
    static void removeFiles() throws IOException {
        int[] total = new int[3];
        for (Map.Entry<String, int[]> e : OUTCOMES.entrySet()) {
            int[] n = e.getValue();
            System.out.println("XdfFuzzTest: " + e.getKey() + ": " + describe(n));
            for (int i = 0; i < 3; i++) {
                total[i] += n[i];
            }
        }
        System.out.println("XdfFuzzTest: all properties: " + describe(total));
        System.out.println("XdfFuzzTest: " + HostileXdf.allocationReport());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String describe(int[] n) {
        return (n[0] + n[1] + n[2]) + " files checked: " + n[0] + " read with damage listed, " + n[1]
                + " read without damage, " + n[2] + " refused with one line";
    }

    /** A change to a file's bytes; its record form says what it did, so a failure can be replayed. */
    interface Mutation {
        byte[] apply(byte[] b);
    }

    // ---- byte-level damage ----

    record FlipBit(int at, int bit) implements Mutation {
        public byte[] apply(byte[] b) {
            byte[] out = copy(b);
            if (out.length > 0) {
                out[Math.floorMod(at, out.length)] ^= (byte) (1 << bit);
            }
            return out;
        }
    }

    record Insert(int at, byte[] bytes) implements Mutation {
        public byte[] apply(byte[] b) {
            int p = Math.floorMod(at, b.length + 1);
            return splice(b, p, p, bytes);
        }

        @Override
        public String toString() {
            return "Insert[at=" + at + ", bytes=" + HostileXdf.hex(bytes) + "]";
        }
    }

    record Delete(int at, int length) implements Mutation {
        public byte[] apply(byte[] b) {
            if (b.length == 0) {
                return b;
            }
            int p = Math.floorMod(at, b.length);
            return splice(b, p, Math.min(b.length, p + length), new byte[0]);
        }
    }

    record Truncate(int at) implements Mutation {
        public byte[] apply(byte[] b) {
            return java.util.Arrays.copyOf(b, Math.floorMod(at, b.length + 1));
        }
    }

    // ---- damage to the fields of the intact seed's chunks ----

    enum Field { CHUNK_LENGTH, LENGTH_WIDTH, TAG, STREAM_ID, SAMPLE_COUNT, STRING_LENGTH }

    /** Overwrites one field of one chunk with {@code value} written in {@code width} bytes (a count byte first for varints). */
    record Absurd(Field field, int index, int width, long value) implements Mutation {
        public byte[] apply(byte[] b) {
            switch (field) {
                case CHUNK_LENGTH -> {
                    Chunk c = pick(chunks, index);
                    return splice(b, c.start(), c.contentAt() - 2, varLen(width, value));
                }
                case LENGTH_WIDTH -> {
                    byte[] out = copy(b);
                    out[pick(chunks, index).start()] = (byte) value;
                    return out;
                }
                case TAG -> {
                    byte[] out = copy(b);
                    Chunk c = pick(chunks, index);
                    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putShort(c.contentAt() - 2, (short) value);
                    return out;
                }
                case STREAM_ID -> {
                    List<Chunk> withId = chunks.stream().filter(c -> c.streamId() != -1).toList();
                    byte[] out = copy(b);
                    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(pick(withId, index).contentAt(), (int) value);
                    return out;
                }
                case SAMPLE_COUNT -> {
                    Chunk c = pick(samples(), index);
                    int at = c.countAt();
                    return splice(b, at, at + 1 + b[at], varLen(width, value));
                }
                case STRING_LENGTH -> {
                    int[] s = pick(strings, index);
                    return splice(b, s[0], s[1], varLen(width, value));
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /** Overwrites a double of a chunk: a ClockOffset's time or value, or a sample's stamp. */
    record BadDouble(boolean clock, int index, int which, double value) implements Mutation {
        public byte[] apply(byte[] b) {
            byte[] out = copy(b);
            int at;
            if (clock) {
                at = pick(chunks.stream().filter(c -> c.type() == ChunkType.CLOCK_OFFSET).toList(), index).contentAt() + 4
                        + 8 * Math.floorMod(which, 2);
            } else {
                Chunk c = pick(samples(), index);
                at = c.countAt() + 1 + b[c.countAt()] + 1;
            }
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putDouble(at, value);
            return out;
        }
    }

    /** A StreamHeader re-encoded (with a consistent chunk length) with one field's text replaced. */
    record HeaderField(int stream, String field, String text) implements Mutation {
        public byte[] apply(byte[] b) {
            Chunk c = pick(HostileXdf.chunks(b, ChunkType.STREAM_HEADER), stream);
            String xml = new String(b, c.contentAt() + 4, c.end() - c.contentAt() - 4, StandardCharsets.UTF_8);
            String open = "<" + field + ">";
            String close = "</" + field + ">";
            int from = xml.indexOf(open) + open.length();
            int to = xml.indexOf(close);
            return HostileXdf.replaceHeader(b, c, HostileXdf.utf8(xml.substring(0, from) + text + xml.substring(to)));
        }
    }

    enum Where { STREAM_HEADER, FILE_HEADER, STREAM_FOOTER }

    /** Hostile XML in place of a header or footer, the chunk re-encoded around it. */
    record Xml(Where where, int index, String xml) implements Mutation {
        public byte[] apply(byte[] b) {
            byte[] x = xml.getBytes(StandardCharsets.UTF_8);
            return switch (where) {
                case FILE_HEADER -> HostileXdf.replaceFileHeader(b, x);
                case STREAM_HEADER -> HostileXdf.replaceHeader(b,
                        pick(chunks.stream().filter(c -> c.type() == ChunkType.STREAM_HEADER).toList(), index), x);
                case STREAM_FOOTER -> HostileXdf.replaceFooter(b,
                        pick(chunks.stream().filter(c -> c.type() == ChunkType.STREAM_FOOTER).toList(), index), x);
            };
        }
    }

    /** Invalid UTF-8 over the bytes of a string sample (its length unchanged). */
    record BadUtf8(int index, byte[] bytes) implements Mutation {
        public byte[] apply(byte[] b) {
            int[] s = pick(strings, index);
            byte[] out = copy(b);
            for (int i = 0; i < s[2]; i++) {
                out[s[1] + i] = bytes[i % bytes.length];
            }
            return out;
        }

        @Override
        public String toString() {
            return "BadUtf8[index=" + index + ", bytes=" + HostileXdf.hex(bytes) + "]";
        }
    }

    /** Chunk {@code from} copied in before chunk {@code to}. */
    record DuplicateChunk(int from, int to, int times) implements Mutation {
        public byte[] apply(byte[] b) {
            List<Chunk> now = HostileXdf.chunks(b);
            Chunk c = pick(now, from);
            int at = pick(now, to).start();
            byte[] one = java.util.Arrays.copyOfRange(b, c.start(), c.end());
            byte[] many = new byte[one.length * times];
            for (int i = 0; i < times; i++) {
                System.arraycopy(one, 0, many, i * one.length, one.length);
            }
            return splice(b, at, at, many);
        }
    }

    record DropChunk(int index) implements Mutation {
        public byte[] apply(byte[] b) {
            Chunk c = pick(HostileXdf.chunks(b), index);
            return splice(b, c.start(), c.end(), new byte[0]);
        }
    }

    /** Random bytes right after the FileHeader chunk. */
    record GarbageAfterHeader(byte[] bytes) implements Mutation {
        public byte[] apply(byte[] b) {
            int at = chunks.get(0).end();
            return splice(b, at, at, bytes);
        }

        @Override
        public String toString() {
            return "GarbageAfterHeader[" + HostileXdf.hex(bytes) + "]";
        }
    }

    private static List<Chunk> samples() {
        return chunks.stream().filter(c -> c.type() == ChunkType.SAMPLES).toList();
    }

    private static <T> T pick(List<T> from, int index) {
        return from.get(Math.floorMod(index, from.size()));
    }

    // ---- the properties: one QuickTheories property per test, its seed and example count fixed ----

    @Test
    void bitFlips() {
        qt().withFixedSeed(20240101L).withExamples(3000).forAll(flips()).checkAssert(m -> check("bitFlips", m));
    }

    @Test
    void insertionsAndDeletions() {
        qt().withFixedSeed(20240102L).withExamples(1500).forAll(insertsDeletes())
                .checkAssert(m -> check("insertionsAndDeletions", m));
    }

    @Test
    void truncation() {
        qt().withFixedSeed(20240103L).withExamples(1500).forAll(truncate())
                .checkAssert(m -> check("truncation", List.of(m)));
    }

    @Test
    void absurdLengthsCountsAndIds() {
        qt().withFixedSeed(20240104L).withExamples(3000).forAll(absurd())
                .checkAssert(m -> check("absurdLengthsCountsAndIds", List.of(m)));
    }

    @Test
    void absurdHeaderFields() {
        qt().withFixedSeed(20240105L).withExamples(1000).forAll(headerFields())
                .checkAssert(m -> check("absurdHeaderFields", m));
    }

    @Test
    void duplicatedDroppedChunksAndGarbage() {
        qt().withFixedSeed(20240106L).withExamples(1000).forAll(structure())
                .checkAssert(m -> check("duplicatedDroppedChunksAndGarbage", m));
    }

    @Test
    void hostileXml() {
        qt().withFixedSeed(20240107L).withExamples(500).forAll(xml()).checkAssert(m -> {
            Outcome o = check("hostileXml", List.of(m));
            for (XdfStream s : o.file() == null ? List.<XdfStream>of() : o.file().streams()) {
                if (s.headerXml().contains("ENTITY") && s.headerXml().contains("passwd")) {
                    throw new AssertionError("a stream whose header declares an external entity was accepted: " + m);
                }
            }
        });
    }

    @Test
    void invalidUtf8InStrings() {
        qt().withFixedSeed(20240108L).withExamples(500).forAll(utf8()).checkAssert(m -> {
            Outcome o = check("invalidUtf8InStrings", List.of(m));
            if (o.file() == null || o.file().stream("Markers").isEmpty()) {
                throw new AssertionError("invalid UTF-8 in a string sample lost the file or the stream: " + m);
            }
        });
    }

    @Test
    void mixed() {
        qt().withFixedSeed(20240109L).withExamples(3000).forAll(mixedDamage()).checkAssert(m -> check("mixed", m));
    }

    private static Outcome check(String property, List<Mutation> ms) {
        byte[] b = seed;
        for (Mutation m : ms) {
            b = m.apply(b);
        }
        Outcome o = HostileXdf.check(dir, b, "mutations " + ms);
        int[] n = OUTCOMES.computeIfAbsent(property, k -> new int[3]);
        n[o.file() == null ? 2 : o.file().problems().isEmpty() ? 1 : 0]++;
        return o;
    }

    // ---- generators ----

    /**
     * A position anywhere in the file (taken modulo its length), uniform: QuickTheories draws from a range
     * uniformly once it has tried its first examples (the shrink target, minimum and maximum of every draw).
     */
    private static Gen<Integer> anywhere() {
        return integers().between(0, Integer.MAX_VALUE - 1);
    }

    /** Random bytes, {@code min} to {@code max} of them. */
    private static Gen<byte[]> bytes(int min, int max) {
        return Generate.byteArrays(Generate.range(min, max), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    private static Gen<Mutation> flip() {
        return anywhere().zip(integers().between(0, 7), FlipBit::new);
    }

    private static Gen<Mutation> insert() {
        return anywhere().zip(bytes(1, 64), Insert::new);
    }

    private static Gen<Mutation> delete() {
        return anywhere().zip(integers().between(1, 64), Delete::new);
    }

    private static Gen<Mutation> truncate() {
        return anywhere().map(Truncate::new);
    }

    private static final long[] ABSURD = {0, 1, 2, 3, 4, 5, 6, 7, 0x7F, 0xFF, 0x100, 0xFFFF, 0x7FFF_FFF0L, 0x7FFF_FFFF,
            0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, 1L << 62, Long.MAX_VALUE - 16, Long.MAX_VALUE, Long.MIN_VALUE, -1, -2};

    private static Gen<Long> absurdValue() {
        return Generate.oneOf(Generate.pick(java.util.Arrays.stream(ABSURD).boxed().toList()), longs().all());
    }

    private static Gen<Mutation> absurdField() {
        return Generate.enumValues(Field.class).zip(integers().between(0, 99), Generate.pick(List.of(1, 4, 8)), absurdValue(),
                Absurd::new);
    }

    private static Gen<Mutation> badDouble() {
        return Generate.booleans().zip(integers().between(0, 99), integers().between(0, 1),
                Generate.pick(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e308, -1e308, 0.0, -0.0,
                        Double.MIN_VALUE, 1e15, -1e15)), BadDouble::new);
    }

    private static Gen<Mutation> headerField() {
        Gen<String> numbers = Generate.pick(List.of("0", "-1", "1", "2147483647", "2147483648", "-2147483648",
                "1000000000", "268435456", "10000000", "33554432", "99999999999999999999", "1e9", "NaN", "Infinity", "-Infinity", "1e-300",
                "4.5", "", " ", "0x10", "\u0663", "١٢"));
        Gen<Mutation> counts = integers().between(0, 2).zip(Generate.pick(List.of("channel_count", "nominal_srate")), numbers,
                HeaderField::new);
        Gen<Mutation> formats = integers().between(0, 2).zip(Generate.constant("channel_format"),
                Generate.pick(List.of("float32", "double64", "string", "int8", "int16", "int32", "int64", "undefined", "", "FLOAT32",
                        "float64")), HeaderField::new);
        return Generate.oneOf(counts, formats);
    }

    private static Gen<Mutation> structural() {
        Gen<Integer> chunk = integers().between(0, 99);
        return Generate.oneOf(
                chunk.zip(chunk, integers().between(1, 4), DuplicateChunk::new),
                chunk.map(DropChunk::new));
    }

    private static Gen<Mutation> garbage() {
        return bytes(1, 400).map(GarbageAfterHeader::new);
    }

    private static final String EXTERNAL = "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<info><name>&x;</name><channel_count>1</channel_count><nominal_srate>0</nominal_srate>"
            + "<channel_format>string</channel_format></info>";
    private static final String LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
            + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
            + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
            + "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]><info><name>&h;</name><channel_count>1</channel_count>"
            + "<nominal_srate>0</nominal_srate><channel_format>string</channel_format></info>";
    private static final String PARAMETER = "<?xml version=\"1.0\"?><!DOCTYPE info [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\">%p;]>"
            + "<info><name>P</name><channel_count>1</channel_count><nominal_srate>0</nominal_srate>"
            + "<channel_format>string</channel_format></info>";
    private static final String XINCLUDE = "<?xml version=\"1.0\"?><info xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
            + "<name><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></name><channel_count>1</channel_count>"
            + "<nominal_srate>0</nominal_srate><channel_format>string</channel_format></info>";
    private static final String SCHEMA = "<?xml version=\"1.0\"?><info xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xsi:schemaLocation=\"x http://127.0.0.1:9/x.xsd\"><name>S</name><channel_count>1</channel_count>"
            + "<nominal_srate>0</nominal_srate><channel_format>string</channel_format></info>";
    private static final String PI = "<?xml version=\"1.0\"?><?xml-stylesheet href=\"http://127.0.0.1:9/x.xsl\"?>"
            + "<info><name>S</name><channel_count>1</channel_count><nominal_srate>0</nominal_srate>"
            + "<channel_format>string</channel_format></info>";

    private static Gen<String> hostileXmlText() {
        Gen<String> fixed = Generate.pick(List.of(EXTERNAL, LAUGHS, PARAMETER, XINCLUDE, SCHEMA, PI, "", "<", "<info>",
                "<info></info>", "<info><channel_count>1</channel_count></info>", "not xml at all", "\u0000\u0001",
                "<?xml version=\"1.1\"?><info/>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?><info/>",
                "<info>" + "<a>".repeat(5000) + "</info>", "<info " + "a=\"1\" ".repeat(0) + "b=\"" + "x".repeat(100_000) + "\"/>",
                "<info><name>" + "&amp;".repeat(20_000) + "</name></info>", "<info><name>&#0;</name></info>",
                "<info><name>&#xD800;</name></info>", "<info><name><![CDATA[" + "]]".repeat(10) + "]]></name></info>"));
        Gen<String> nested = integers().between(1, 200_000).map(n -> "<info>" + "<a>".repeat(n) + "</a>".repeat(n) + "</info>");
        Gen<String> chopped = Generate.pick(List.of(EXTERNAL, LAUGHS, HostileXdf.EEG, HostileXdf.MARKERS))
                .zip(integers().between(0, 2000), (x, n) -> x.substring(0, Math.min(n, x.length())));
        return Generate.oneOf(fixed, fixed, nested, chopped);
    }

    private static Gen<List<Mutation>> flips() {
        return lists().of(flip()).ofSizeBetween(1, 16);
    }

    private static Gen<List<Mutation>> insertsDeletes() {
        return lists().of(Generate.oneOf(insert(), delete())).ofSizeBetween(1, 6);
    }

    private static Gen<Mutation> absurd() {
        return Generate.oneOf(absurdField(), absurdField(), absurdField(), badDouble());
    }

    private static Gen<List<Mutation>> headerFields() {
        return lists().of(headerField()).ofSizeBetween(1, 3);
    }

    /** Chunks duplicated or dropped (each change on the file as the previous one left it), then maybe garbage. */
    private static Gen<List<Mutation>> structure() {
        return lists().of(structural()).ofSizeBetween(0, 3).zip(lists().of(garbage()).ofSizeBetween(0, 1),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()).assuming(l -> !l.isEmpty());
    }

    private static Gen<Mutation> xml() {
        return Generate.enumValues(Where.class).zip(integers().between(0, 2), hostileXmlText(), Xml::new);
    }

    private static Gen<Mutation> utf8() {
        Gen<byte[]> invalid = Generate.oneOf(
                Generate.pick(List.of(new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xC0, (byte) 0x80}, new byte[]{(byte) 0xED, (byte) 0xA0,
                        (byte) 0x80}, new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[]{(byte) 0xE2, (byte) 0x82},
                        new byte[]{(byte) 0x80}, new byte[]{0})),
                bytes(1, 8));
        return integers().between(0, 99).zip(invalid, BadUtf8::new);
    }

    /** One change to the intact seed's fields or chunks (at most), then up to four byte-level ones. */
    private static Gen<List<Mutation>> mixedDamage() {
        Gen<List<Mutation>> first = lists().of(Generate.oneOf(absurdField(), badDouble(), headerField(), structural(), garbage(),
                utf8())).ofSizeBetween(0, 1);
        Gen<List<Mutation>> then = lists().of(Generate.oneOf(flip(), insert(), delete(), truncate())).ofSizeBetween(0, 4);
        return first.zip(then, (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
    }
}
