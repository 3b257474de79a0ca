package org.frisson.lsl;

import org.frisson.testsupport.Bounded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Stream descriptions as they come from the network or a file, made hostile: each try builds one header, reads it
 * with {@link StreamXml#parse} and rebuilds it with {@link StreamInfo#fromXml} (our parser, then liblsl's). Each
 * must give a readable description or an {@link LslException} of one line naming the source, within bounded time
 * and memory; no entity is resolved, no file read (a secret file's content never shows up) and no connection made
 * (a listening socket, named by every remote reference, must see none). One QuickTheories property per test, with
 * a fixed seed and example count.
 */
class StreamHeaderFuzzTest {

    static final String SOURCE = "stream 'fuzzed' from host-1";
    private static final long HANG_SECONDS = 60;
    /** Bytes a try may allocate: the parsers' fixed costs, plus a DOM and its copies per character of the header. */
    private static final long FIXED_BYTES = 64L << 20;
    private static final long BYTES_PER_CHAR = 64;

    private static Path secretFile;
    private static String secret;
    private static ServerSocket trap;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    /** Per property: parsed and rebuilt, parsed but refused by liblsl or our field checks, refused by our parser. */
    private static final Map<String, int[]> OUTCOMES = new TreeMap<>();

    @BeforeAll
    static void plantSecretAndTrap() throws IOException {
        secret = "SECRET-" + Long.toHexString(System.nanoTime());
        secretFile = Files.createTempFile("stream-header-secret", ".txt");
        Files.writeString(secretFile, secret);
        trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!trap.isClosed()) {
                try (Socket s = trap.accept()) {
                    CONNECTIONS.incrementAndGet();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "entity-trap");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void report() throws IOException {
        int[] total = new int[3];
        for (Map.Entry<String, int[]> e : OUTCOMES.entrySet()) {
            System.out.println("StreamHeaderFuzzTest: " + e.getKey() + ": " + describe(e.getValue()));
            for (int i = 0; i < 3; i++) {
                total[i] += e.getValue()[i];
            }
        }
        System.out.println("StreamHeaderFuzzTest: all properties: " + describe(total) + "; most allocated by one try: "
                + Bounded.mostAllocated() + " bytes");
        trap.close();
        Files.deleteIfExists(secretFile);
        if (CONNECTIONS.get() != 0) {
            throw new AssertionError(CONNECTIONS.get() + " connections reached the trap: a remote reference was fetched");
        }
    }

    private static String describe(int[] n) {
        return (n[0] + n[1] + n[2]) + " headers: " + n[0] + " read and rebuilt, " + n[1]
                + " read but refused as a stream description, " + n[2] + " refused as malformed";
    }

    /** A header as liblsl writes one, with the parts a try changes left as placeholders. */
    static String header(String name, String count, String rate, String format, String desc) {
        return "<?xml version=\"1.0\"?>\n<info>\n\t<name>" + name + "</name>\n\t<type>EEG</type>\n\t<channel_count>" + count
                + "</channel_count>\n\t<channel_format>" + format + "</channel_format>\n\t<source_id>src-1</source_id>\n"
                + "\t<nominal_srate>" + rate + "</nominal_srate>\n\t<version>1.100000000000000</version>\n"
                + "\t<created_at>12.5</created_at>\n\t<uid>5e1b7c2a-uid</uid>\n\t<session_id>default</session_id>\n"
                + "\t<hostname>host-1</hostname>\n\t<v4address />\n\t<v4data_port>16572</v4data_port>\n"
                + "\t<v4service_port>16572</v4service_port>\n\t<v6address />\n\t<v6data_port>0</v6data_port>\n"
                + "\t<v6service_port>0</v6service_port>\n\t<desc>" + desc + "</desc>\n</info>\n";
    }

    static String valid() {
        return header("EEG", "2", "128", "float32", "<channels><channel><label>C3</label></channel>"
                + "<channel><label>C4</label></channel></channels>");
    }

    /** One hostile header; its record form says which, so a failure can be replayed. */
    record Hostile(String kind, String detail, String xml) {
        @Override
        public String toString() {
            return kind + "[" + Printable.of(detail) + ", " + xml.length() + " chars"
                    + (xml.length() <= 300 ? ": " + xml.replace("\n", "\\n") : "") + "]";
        }
    }

    // ---- the properties ----

    @Test
    void dtdsEntitiesAndRemoteReferences() {
        qt().withFixedSeed(20240201L).withExamples(400).forAll(dtds()).checkAssert(h -> check("dtdsEntitiesAndRemoteReferences", h));
    }

    @Test
    void absurdCoreFields() {
        qt().withFixedSeed(20240202L).withExamples(1000).forAll(fields()).checkAssert(h -> check("absurdCoreFields", h));
    }

    @Test
    void hugeAndDeepDescriptions() {
        qt().withFixedSeed(20240203L).withExamples(150).forAll(huge()).checkAssert(h -> check("hugeAndDeepDescriptions", h));
    }

    @Test
    void strangeTextInNamesAndLabels() {
        qt().withFixedSeed(20240204L).withExamples(1000).forAll(text()).checkAssert(h -> {
            Outcome o = check("strangeTextInNamesAndLabels", h);
            if (h.kind().equals("charref") && representable(h.detail())) {
                if (o.xml() == null) {
                    throw new AssertionError(h + ": control characters written as liblsl writes them (character"
                            + " references) lost the description: " + o.refusal().getMessage());
                }
                if (!o.xml().text("name").equals(h.detail().trim())) {
                    throw new AssertionError(h + ": the name was read as '" + Printable.of(o.xml().text("name")) + "'");
                }
            }
        });
    }

    @Test
    void missingCutAndShuffledFields() {
        qt().withFixedSeed(20240205L).withExamples(1000).forAll(broken()).checkAssert(h -> check("missingCutAndShuffledFields", h));
    }

    /** What one try came to: the parsed XML (null when refused), the refusal, and the rebuilt stream (or null). */
    record Outcome(StreamXml xml, LslException refusal, StreamInfo info) {
    }

    static Outcome check(String property, Hostile h) {
        Outcome o = Bounded.run(h.toString(), HANG_SECONDS, FIXED_BYTES + BYTES_PER_CHAR * h.xml().length(),
                () -> read(h));
        int[] n = OUTCOMES.computeIfAbsent(property, k -> new int[3]);
        n[o.xml() == null ? 2 : o.info() == null ? 1 : 0]++;
        return o;
    }

    private static Outcome read(Hostile h) {
        StreamXml xml = null;
        LslException refused = null;
        try {
            xml = StreamXml.parse(SOURCE, h.xml());
            String name = xml.text("name");
            noSecret(h, name);
            for (Channel c : xml.channels()) {
                noSecret(h, c.label());
            }
            xml.elements("desc/provenance/model");
        } catch (LslException e) {
            refused = e;
            oneLine(h, e, "malformed stream XML from " + SOURCE + ": ");
        }
        StreamInfo info = null;
        try {
            info = StreamInfo.fromXml(SOURCE, h.xml());
            if (xml == null) {
                throw new AssertionError(h + ": our parser refused it, yet fromXml took it: " + refused.getMessage());
            }
            if (info.channelCount() < 1 || info.format() == null || !(info.nominalRate() >= 0)) {
                throw new AssertionError(h + ": rebuilt with " + info);
            }
            noSecret(h, info.name());
            noSecret(h, info.xml());
            info.channels();
        } catch (LslException e) {
            if (xml == null) {
                oneLine(h, e, "malformed stream XML from " + SOURCE + ": ");
            } else {
                oneLine(h, e, "stream XML from " + SOURCE);
            }
        } finally {
            if (info != null) {
                info.close();
            }
        }
        return new Outcome(xml, refused, info == null ? null : info);
    }

    private static void oneLine(Hostile h, LslException e, String start) {
        String m = e.getMessage();
        if (!m.startsWith(start) || !Bounded.oneLine(m)) {
            throw new AssertionError(h + ": the refusal is not one line starting '" + start + "': " + m, e);
        }
        noSecret(h, m);
    }

    private static void noSecret(Hostile h, String text) {
        if (text != null && text.contains(secret)) {
            throw new AssertionError(h + ": the secret file was read into the result");
        }
    }

    // ---- generators ----

    private static String secretUri() {
        return secretFile.toUri().toString();
    }

    private static String remote() {
        return "http://127.0.0.1:" + trap.getLocalPort() + "/x";
    }

    private static String laughs(int levels, int width) {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE info [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= levels; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(width)).append("\">");
        }
        return dtd.append("]>").toString();
    }

    private static Gen<Hostile> dtds() {
        Gen<Integer> levels = integers().between(1, 12);
        Gen<Integer> width = integers().between(2, 12);
        return integers().between(0, 7).zip(levels, width, (k, l, w) -> switch (k) {
            case 0 -> new Hostile("external-entity", "file", "<!DOCTYPE info [<!ENTITY x SYSTEM \"" + secretUri() + "\">]>"
                    + header("&x;", "1", "10", "float32", ""));
            case 1 -> new Hostile("external-entity", "remote", "<!DOCTYPE info [<!ENTITY x SYSTEM \"" + remote() + "\">]>"
                    + header("&x;", "1", "10", "float32", ""));
            case 2 -> new Hostile("parameter-entity", "remote", "<!DOCTYPE info [<!ENTITY % p SYSTEM \"" + remote()
                    + "\">%p;]>" + header("P", "1", "10", "float32", ""));
            case 3 -> new Hostile("billion-laughs", l + " levels of " + w, laughs(l, w)
                    + header("&l" + l + ";", "1", "10", "float32", "<x>&l" + l + ";</x>"));
            case 4 -> new Hostile("xinclude", "file", header("X", "1", "10", "float32",
                    "<x xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + secretUri()
                            + "\" parse=\"text\"/></x>"));
            case 5 -> new Hostile("external-dtd", "remote", "<!DOCTYPE info SYSTEM \"" + remote() + "\">"
                    + header("D", "1", "10", "float32", ""));
            case 6 -> new Hostile("schema-and-stylesheet", "remote", "<?xml-stylesheet href=\"" + remote() + "\"?>"
                    + header("S", "1", "10", "float32", "<x xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                    + " xsi:schemaLocation=\"x " + remote() + "\"/>").substring("<?xml version=\"1.0\"?>\n".length()));
            default -> new Hostile("internal-entity", "plain", "<!DOCTYPE info [<!ENTITY n \"EEG\">]>"
                    + header("&n;", "1", "10", "float32", ""));
        });
    }

    private static final List<String> COUNTS = List.of("0", "-1", "-2147483648", "1", "2", "64", "100000", "10000000",
            "2147483647", "2147483648", "99999999999999999999", "1e3", "1.5", "0x10", "NaN", "", " ", "abc", "\u0663",
            "+4", "007");
    private static final List<String> RATES = List.of("0", "-0", "-1", "128", "1e9", "1e308", "1e400", "-1e400", "NaN",
            "nan", "inf", "Infinity", "-Infinity", "4.9e-324", "", "abc", "0x10", "128Hz", "1,5");
    private static final List<String> FORMATS = List.of("float32", "double64", "string", "int8", "int16", "int32",
            "int64", "undefined", "", "FLOAT32", "float64", "float32 ", "bogus");

    private static Gen<Hostile> fields() {
        return Generate.pick(COUNTS).zip(Generate.pick(RATES), Generate.pick(FORMATS),
                (c, r, f) -> new Hostile("fields", "count=" + c + " rate=" + r + " format=" + f,
                        header("F", c, r, f, "")));
    }

    private static Gen<Hostile> huge() {
        Gen<Integer> size = integers().between(1, 10_000_000);
        return integers().between(0, 4).zip(size, (k, n) -> switch (k) {
            case 0 -> new Hostile("huge-desc", n + " chars of text", header("Big", "1", "10", "float32",
                    "<blob>" + "x".repeat(n) + "</blob>"));
            case 1 -> {
                int channels = Math.max(1, n / 40);
                StringBuilder d = new StringBuilder("<channels>");
                for (int i = 0; i < channels; i++) {
                    d.append("<channel><label>ch").append(i).append("</label></channel>");
                }
                yield new Hostile("many-channels", channels + " channel labels", header("Wide",
                        Integer.toString(channels), "10", "float32", d.append("</channels>").toString()));
            }
            case 2 -> {
                int depth = Math.min(n, 200_000);
                yield new Hostile("deep-nesting", depth + " levels", header("Deep", "1", "10", "float32",
                        "<a>".repeat(depth) + "</a>".repeat(depth)));
            }
            case 3 -> new Hostile("huge-label", n + " chars", header("Label", "1", "10", "float32",
                    "<channels><channel><label>" + "\u00e9".repeat(n) + "</label></channel></channels>"));
            default -> new Hostile("huge-name", n + " chars", header("N".repeat(n), "1", "10", "float32", ""));
        });
    }

    /** Text as a peer might send it: control characters (raw, or as liblsl writes them), quotes, any code point. */
    private static Gen<Hostile> text() {
        Gen<String> codePoints = Generate.intArrays(integers().between(0, 40),
                Generate.oneOf(integers().between(0, 0x7F), integers().between(0, 0x10FFFF))).map(cps -> {
            StringBuilder sb = new StringBuilder();
            for (int cp : cps) {
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        });
        Gen<byte[]> bytes = Generate.byteArrays(integers().between(1, 40), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        return integers().between(0, 4).zip(codePoints, bytes, (k, s, b) -> switch (k) {
            case 0 -> named("raw", s, escapeMarkup(s));
            case 1 -> named("charref", s, charRefs(s));
            case 2 -> {
                String decoded = new String(b, StandardCharsets.UTF_8); // invalid UTF-8 arrives as U+FFFD
                yield named("invalid-utf8", HexFormat(b), charRefs(decoded));
            }
            case 3 -> named("lone-surrogates", s, charRefs(s) + "\ud800x\udfff");
            default -> named("quotes", s, "\"q\" 'a' &amp; &lt;b&gt; &quot;" + charRefs(s));
        });
    }

    /** Whether XML 1.1 can carry {@code s} at all: no NUL, no unpaired surrogate, no U+FFFE or U+FFFF. */
    private static boolean representable(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static String HexFormat(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    private static Hostile named(String kind, String detail, String text) {
        return new Hostile(kind, detail, header(text, "1", "10", "string",
                "<channels><channel><label>" + text + "</label><unit>" + text + "</unit></channel></channels>"));
    }

    /** Markup characters escaped, everything else as it is (control characters raw). */
    private static String escapeMarkup(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** As pugixml writes text: markup escaped, control characters below U+0020 (but tab, newline) as {@code &#NN;}. */
    static String charRefs(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '&') {
                sb.append("&amp;");
            } else if (c == '<') {
                sb.append("&lt;");
            } else if (c == '>') {
                sb.append("&gt;");
            } else if (c < 0x20 && c != '\t' && c != '\n') {
                sb.append("&#").append(String.format("%02d", (int) c)).append(';');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final List<String> FIELDS = List.of("name", "type", "channel_count", "channel_format", "source_id",
            "nominal_srate", "version", "created_at", "uid", "session_id", "hostname", "v4data_port", "desc");

    private static Gen<Hostile> broken() {
        Gen<Integer> at = integers().between(0, Integer.MAX_VALUE - 1);
        return integers().between(0, 3).zip(Generate.pick(FIELDS), at, (k, f, n) -> {
            String v = valid();
            return switch (k) {
                case 0 -> new Hostile("missing", f, v.replaceFirst("<" + f + ">[^<]*(<[^/][\\s\\S]*?)?</" + f + ">", ""));
                case 1 -> new Hostile("cut", "at " + n % v.length(), v.substring(0, n % v.length()));
                case 2 -> new Hostile("doubled", f, v.replaceFirst("(<" + f + ">[^<]*</" + f + ">)", "$1$1"));
                default -> new Hostile("empty", f, v.replaceFirst("<" + f + ">[^<]*</" + f + ">", "<" + f + "/>"));
            };
        });
    }
}
