package org.frisson.xdf;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.frisson.xdf.HostileXdf.Chunk;
import org.frisson.xdf.HostileXdf.Outcome;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.frisson.xdf.HostileXdf.copy;
import static org.frisson.xdf.HostileXdf.splice;
import static org.frisson.xdf.HostileXdf.varLen;

/**
 * Damages a small valid recording in many ways and reads each result: the reader must return the file with its
 * damage listed or refuse it with an {@link XdfFormatException} naming the file and offset, never throw anything
 * else, and allocate no more than the file could justify (see {@link HostileXdf#check}). Seeds are fixed, so a
 * run tries the same files every time; a failure prints the mutations that produced it, kept afterwards as a
 * plain test in {@link XdfHostileInputTest}.
 */
class XdfFuzzTest {

    private static Path dir;
    private static byte[] seed;
    private static List<Chunk> chunks;
    private static List<int[]> strings;

    @BeforeContainer
    static void writeSeed() throws IOException {
        dir = Files.createTempDirectory("xdf-fuzz");
        seed = HostileXdf.seed(dir);
        chunks = HostileXdf.chunks(seed);
        strings = HostileXdf.stringValues(seed);
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        System.out.println("XdfFuzzTest: " + HostileXdf.allocationReport());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
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

    // ---- the properties ----

    @Property(seed = "20240101", tries = 3000, shrinking = ShrinkingMode.BOUNDED)
    void bitFlips(@ForAll("flips") List<Mutation> m) {
        check(m);
    }

    @Property(seed = "20240102", tries = 1500, shrinking = ShrinkingMode.BOUNDED)
    void insertionsAndDeletions(@ForAll("insertsDeletes") List<Mutation> m) {
        check(m);
    }

    @Property(seed = "20240103", tries = 1500, shrinking = ShrinkingMode.BOUNDED)
    void truncation(@ForAll("truncations") Mutation m) {
        check(List.of(m));
    }

    @Property(seed = "20240104", tries = 3000, shrinking = ShrinkingMode.BOUNDED)
    void absurdLengthsCountsAndIds(@ForAll("absurd") Mutation m) {
        check(List.of(m));
    }

    @Property(seed = "20240105", tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void absurdHeaderFields(@ForAll("headerFields") List<Mutation> m) {
        check(m);
    }

    @Property(seed = "20240106", tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void duplicatedDroppedChunksAndGarbage(@ForAll("structure") List<Mutation> m) {
        check(m);
    }

    @Property(seed = "20240107", tries = 500, shrinking = ShrinkingMode.BOUNDED)
    void hostileXml(@ForAll("xml") Mutation m) {
        Outcome o = check(List.of(m));
        for (XdfStream s : o.file() == null ? List.<XdfStream>of() : o.file().streams()) {
            if (s.headerXml().contains("ENTITY") && s.headerXml().contains("passwd")) {
                throw new AssertionError("a stream whose header declares an external entity was accepted: " + m);
            }
        }
    }

    @Property(seed = "20240108", tries = 500, shrinking = ShrinkingMode.BOUNDED)
    void invalidUtf8InStrings(@ForAll("utf8") Mutation m) {
        Outcome o = check(List.of(m));
        if (o.file() == null || o.file().stream("Markers").isEmpty()) {
            throw new AssertionError("invalid UTF-8 in a string sample lost the file or the stream: " + m);
        }
    }

    @Property(seed = "20240109", tries = 3000, shrinking = ShrinkingMode.BOUNDED)
    void mixed(@ForAll("mixedDamage") List<Mutation> m) {
        check(m);
    }

    private static Outcome check(List<Mutation> ms) {
        byte[] b = seed;
        for (Mutation m : ms) {
            b = m.apply(b);
        }
        Outcome o = HostileXdf.check(dir, b, "mutations " + ms);
        Statistics.collect(o.file() == null ? "refused" : o.file().problems().isEmpty() ? "read, no damage" : "read, damage listed");
        return o;
    }

    // ---- generators ----

    /**
     * A position anywhere in the file (taken modulo its length), uniform and without edge cases: 0 would hit the
     * magic code, which is refused at once, in a good part of the tries.
     */
    private static Arbitrary<Integer> anywhere() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE - 1).withDistribution(RandomDistribution.uniform())
                .withoutEdgeCases();
    }

    private static Arbitrary<Mutation> flip() {
        return Combinators.combine(anywhere(), Arbitraries.integers().between(0, 7)).as(FlipBit::new);
    }

    private static Arbitrary<Mutation> insert() {
        return Combinators.combine(anywhere(), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64))
                .as(Insert::new);
    }

    private static Arbitrary<Mutation> delete() {
        return Combinators.combine(anywhere(), Arbitraries.integers().between(1, 64)).as(Delete::new);
    }

    private static Arbitrary<Mutation> truncate() {
        return anywhere().map(Truncate::new);
    }

    private static final long[] ABSURD = {0, 1, 2, 3, 4, 5, 6, 7, 0x7F, 0xFF, 0x100, 0xFFFF, 0x7FFF_FFF0L, 0x7FFF_FFFF,
            0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, 1L << 62, Long.MAX_VALUE - 16, Long.MAX_VALUE, Long.MIN_VALUE, -1, -2};

    private static Arbitrary<Long> absurdValue() {
        return Arbitraries.oneOf(Arbitraries.of(java.util.Arrays.stream(ABSURD).boxed().toList()), Arbitraries.longs());
    }

    private static Arbitrary<Mutation> absurdField() {
        return Combinators.combine(Arbitraries.of(Field.class), Arbitraries.integers().between(0, 99),
                Arbitraries.of(1, 4, 8), absurdValue()).as(Absurd::new);
    }

    private static Arbitrary<Mutation> badDouble() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 1), Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, 1e308, -1e308, 0.0, -0.0, Double.MIN_VALUE, 1e15, -1e15)).as(BadDouble::new);
    }

    private static Arbitrary<Mutation> headerField() {
        Arbitrary<String> numbers = Arbitraries.of("0", "-1", "1", "2147483647", "2147483648", "-2147483648",
                "1000000000", "268435456", "10000000", "33554432", "99999999999999999999", "1e9", "NaN", "Infinity", "-Infinity", "1e-300",
                "4.5", "", " ", "0x10", "\u0663", "١٢");
        Arbitrary<Mutation> counts = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.of("channel_count", "nominal_srate"), numbers).as(HeaderField::new);
        Arbitrary<Mutation> formats = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.just("channel_format"),
                Arbitraries.of("float32", "double64", "string", "int8", "int16", "int32", "int64", "undefined", "", "FLOAT32",
                        "float64")).as(HeaderField::new);
        return Arbitraries.oneOf(counts, formats);
    }

    private static Arbitrary<Mutation> structural() {
        Arbitrary<Integer> chunk = Arbitraries.integers().between(0, 99);
        return Arbitraries.oneOf(
                Combinators.combine(chunk, chunk, Arbitraries.integers().between(1, 4)).as(DuplicateChunk::new),
                chunk.map(DropChunk::new));
    }

    private static Arbitrary<Mutation> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(400).map(GarbageAfterHeader::new);
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

    private static Arbitrary<String> hostileXmlText() {
        Arbitrary<String> fixed = Arbitraries.of(EXTERNAL, LAUGHS, PARAMETER, XINCLUDE, SCHEMA, PI, "", "<", "<info>",
                "<info></info>", "<info><channel_count>1</channel_count></info>", "not xml at all", "\u0000\u0001",
                "<?xml version=\"1.1\"?><info/>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?><info/>",
                "<info>" + "<a>".repeat(5000) + "</info>", "<info " + "a=\"1\" ".repeat(0) + "b=\"" + "x".repeat(100_000) + "\"/>",
                "<info><name>" + "&amp;".repeat(20_000) + "</name></info>", "<info><name>&#0;</name></info>",
                "<info><name>&#xD800;</name></info>", "<info><name><![CDATA[" + "]]".repeat(10) + "]]></name></info>");
        Arbitrary<String> nested = Arbitraries.integers().between(1, 200_000).map(n -> "<info>" + "<a>".repeat(n) + "</a>".repeat(n) + "</info>");
        Arbitrary<String> chopped = Combinators.combine(Arbitraries.of(EXTERNAL, LAUGHS, HostileXdf.EEG, HostileXdf.MARKERS),
                Arbitraries.integers().between(0, 2000)).as((x, n) -> x.substring(0, Math.min(n, x.length())));
        return Arbitraries.oneOf(fixed, fixed, nested, chopped);
    }

    @Provide
    Arbitrary<List<Mutation>> flips() {
        return flip().list().ofMinSize(1).ofMaxSize(16);
    }

    @Provide
    Arbitrary<List<Mutation>> insertsDeletes() {
        return Arbitraries.oneOf(insert(), delete()).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Mutation> truncations() {
        return truncate();
    }

    @Provide
    Arbitrary<Mutation> absurd() {
        return Arbitraries.oneOf(absurdField(), absurdField(), absurdField(), badDouble());
    }

    @Provide
    Arbitrary<List<Mutation>> headerFields() {
        return headerField().list().ofMinSize(1).ofMaxSize(3);
    }

    /** Chunks duplicated or dropped (each change on the file as the previous one left it), then maybe garbage. */
    @Provide
    Arbitrary<List<Mutation>> structure() {
        return Combinators.combine(structural().list().ofMaxSize(3), garbage().list().ofMaxSize(1))
                .as((a, b) -> Stream.concat(a.stream(), b.stream()).toList()).filter(l -> !l.isEmpty());
    }

    @Provide
    Arbitrary<Mutation> xml() {
        return Combinators.combine(Arbitraries.of(Where.class), Arbitraries.integers().between(0, 2), hostileXmlText())
                .as(Xml::new);
    }

    @Provide
    Arbitrary<Mutation> utf8() {
        Arbitrary<byte[]> invalid = Arbitraries.oneOf(
                Arbitraries.of(new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xC0, (byte) 0x80}, new byte[]{(byte) 0xED, (byte) 0xA0,
                        (byte) 0x80}, new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[]{(byte) 0xE2, (byte) 0x82},
                        new byte[]{(byte) 0x80}, new byte[]{0}),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8));
        return Combinators.combine(Arbitraries.integers().between(0, 99), invalid).as(BadUtf8::new);
    }

    /** One change to the intact seed's fields or chunks (at most), then up to four byte-level ones. */
    @Provide
    Arbitrary<List<Mutation>> mixedDamage() {
        Arbitrary<List<Mutation>> first = Arbitraries.oneOf(absurdField(), badDouble(), headerField(), structural(), garbage(), utf8())
                .list().ofMaxSize(1);
        Arbitrary<List<Mutation>> then = Arbitraries.oneOf(flip(), insert(), delete(), truncate()).list().ofMaxSize(4);
        return Combinators.combine(first, then).as((a, b) -> Stream.concat(a.stream(), b.stream()).toList());
    }
}
