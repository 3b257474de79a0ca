package org.frisson.dashboards;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.frisson.testsupport.Bounded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * {@code POST /rating} with fuzzed bodies, through a running dashboard on the loopback: random JSON, wrong types,
 * huge and non-finite numbers, deep nesting, huge bodies, invalid UTF-8 and random bytes. Each must be answered
 * 204 (a valid answer, which reaches the sink once), 400, 409 or 413, never 500, a refusal in one line starting
 * {@code rating: }, naming the field when a field is wrong; the pending rating is never lost. One QuickTheories
 * property with a fixed seed and example count.
 */
class RatingFuzzTest {

    private static final String TRACK = "Track \u00e9 1";
    private static Dashboard dashboard;
    private static final List<String> RATED = new CopyOnWriteArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<Integer, Integer> STATUSES = new TreeMap<>();

    @BeforeAll
    static void start() {
        dashboard = Dashboard.start(new Dashboard.Settings(Dashboard.LOOPBACK, 0, false, "ratings"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> System.nanoTime() / 1e9,
                (track, valence, arousal) -> RATED.add(track + " " + valence + " " + arousal));
    }

    @AfterAll
    static void stop() {
        System.out.println("RatingFuzzTest: answers by status: " + STATUSES + "; " + RATED.size() + " reached the sink");
        dashboard.close();
    }

    /** A body, and the field it gets wrong (null when none or when it is not an object at all). */
    record Body(String kind, String field, byte[] bytes) {
        @Override
        public String toString() {
            String s = new String(bytes, StandardCharsets.UTF_8);
            return kind + "[" + field + ", " + bytes.length + " bytes"
                    + (s.length() <= 200 ? ": " + s.replace("\n", "\\n") : "") + "]";
        }
    }

    @Test
    void fuzzedBodies() {
        qt().withFixedSeed(20240401L).withExamples(3000).forAll(bodies()).checkAssert(RatingFuzzTest::check);
    }

    private static void check(Body b) {
        if (!dashboard.pendingRatings().contains(TRACK)) {
            dashboard.askRating(TRACK);
        }
        int before = RATED.size();
        HttpResponse<String> r = Bounded.run(b.toString(), 60, Long.MAX_VALUE, () -> HTTP.send(
                HttpRequest.newBuilder(URI.create(dashboard.url() + "rating")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(b.bytes()))
                        .build(), HttpResponse.BodyHandlers.ofString()));
        int status = r.statusCode();
        synchronized (STATUSES) {
            STATUSES.merge(status, 1, Integer::sum);
        }
        if (status == 204) {
            if (RATED.size() != before + 1 || dashboard.pendingRatings().contains(TRACK)) {
                throw new AssertionError(b + ": 204 but the sink got " + (RATED.size() - before) + " ratings");
            }
            return;
        }
        String body = r.body().endsWith("\n") ? r.body().substring(0, r.body().length() - 1) : r.body();
        if (!List.of(400, 409, 413).contains(status) || !body.startsWith("rating: ") || !Bounded.oneLine(body)
                || body.length() > 1000) {
            throw new AssertionError(b + ": answered " + status + " with '" + body + "'");
        }
        if (b.field() != null && status == 400 && !body.contains(b.field())) {
            throw new AssertionError(b + ": the refusal does not name " + b.field() + ": " + body);
        }
        if (RATED.size() != before || !dashboard.pendingRatings().contains(TRACK)) {
            throw new AssertionError(b + ": refused with " + status + " but the pending rating changed");
        }
    }

    // ---- generators ----

    private static final List<String> WRONG = List.of("null", "true", "false", "\"7\"", "[]", "[7]", "{}",
            "{\"v\": 7}", "0", "-1", "10", "9.0000001", "0.9999999", "1e400", "-1e400", "1e-400", "-0",
            "1" + "0".repeat(500), "1" + "0".repeat(1200), "NaN", "Infinity", "-Infinity", "0x7", "07", "+7", ".5",
            "\"\"", "\"a\\nb\"", "\"\\u0000\"", "\"\\ud800\"", "\"" + "x".repeat(600) + "\"");

    private static Gen<Body> bodies() {
        Gen<String> field = Generate.pick(List.of("track", "valence", "arousal"));
        Gen<String> codePoints = Generate.intArrays(integers().between(0, 30), integers().between(0, 0x10FFFF))
                .map(cps -> {
                    StringBuilder sb = new StringBuilder();
                    for (int cp : cps) {
                        sb.appendCodePoint(cp);
                    }
                    return sb.toString();
                });
        Gen<byte[]> raw = Generate.byteArrays(integers().between(0, 200), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        return integers().between(0, 7).zip(field, Generate.pick(WRONG), codePoints, (k, f, w, s) -> switch (k) {
            case 0, 1 -> {
                String v = f.equals("track") ? "\"" + TRACK + "\"" : "5";
                String body = rating("track".equals(f) ? w : "\"" + TRACK + "\"", "valence".equals(f) ? w : "5",
                        "arousal".equals(f) ? w : "5");
                yield new Body("wrong-value", isValid(f, w) ? null : f, utf8(body.replace("\"" + v + "\"", v)));
            }
            case 2 -> new Body("unknown-field", null, utf8("{\"track\":\"" + TRACK + "\",\"valence\":5,\"arousal\":5,"
                    + quote(s) + ":1}"));
            case 3 -> new Body("track-text", null, utf8(rating(quote(s), "5", "5")));
            case 4 -> new Body("deep", null, utf8("[".repeat(s.length() * 60 + 1) + "]".repeat(s.length() * 60 + 1)));
            case 5 -> new Body("huge", null, utf8(rating("\"" + TRACK + "\"", "5", "5") + " ".repeat(4000 + s.length() * 10)));
            case 6 -> new Body("missing", f, utf8(("{" + ("track".equals(f) ? "" : "\"track\":\"" + TRACK + "\",")
                    + ("valence".equals(f) ? "" : "\"valence\":5,") + ("arousal".equals(f) ? "" : "\"arousal\":5,"))
                    .replaceFirst(",$", "}")));
            default -> new Body("cut", null, utf8(rating("\"" + TRACK + "\"", "5", "5")
                    .substring(0, Math.min(s.length(), 40))));
        }).mix(raw.map(bs -> new Body("raw-bytes", null, bs)), 15)
                .mix(raw.map(bs -> new Body("invalid-utf8-track", null, concat(utf8("{\"track\":\""), bs,
                        utf8("\",\"valence\":5,\"arousal\":5}")))), 15);
    }

    /** Whether {@code w} is an acceptable value of {@code field}, so no refusal names it. */
    private static boolean isValid(String field, String w) {
        if (field.equals("track")) {
            return w.startsWith("\"");
        }
        try {
            double v = Double.parseDouble(w);
            return v >= 1 && v <= 9 && !w.startsWith("+") && !w.startsWith(".") && !(w.startsWith("0") && w.length() > 1
                    && w.charAt(1) != '.');
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String rating(String track, String valence, String arousal) {
        return "{\"track\":" + track + ",\"valence\":" + valence + ",\"arousal\":" + arousal + "}";
    }

    /** A JSON string literal of {@code s}, its control characters and quotes escaped, lone surrogates as they are. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
