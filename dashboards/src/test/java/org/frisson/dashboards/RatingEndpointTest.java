package org.frisson.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /rating}, the pending ratings and the events that tell pages about them. */
class RatingEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACK = "Górecki – Symphony No. 3, II";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> rated = new CopyOnWriteArrayList<>();

    private Dashboard start(String bind, RatingSink sink) {
        return Dashboard.start(new Dashboard.Settings(bind, 0, false, "ratings"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> System.nanoTime() / 1e9, sink);
    }

    private Dashboard start() {
        return start(Dashboard.LOOPBACK, (track, valence, arousal) -> rated.add(track + " " + valence + " " + arousal));
    }

    private HttpResponse<String> post(Dashboard d, String body) throws Exception {
        return send(d, HttpRequest.BodyPublishers.ofString(body), "application/json", null);
    }

    private HttpResponse<String> send(Dashboard d, HttpRequest.BodyPublisher body, String type, String authorization)
            throws Exception {
        return http.send(request(d, body, type, authorization), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(Dashboard d, HttpRequest.BodyPublisher body, String type, String authorization) {
        String host = d.url().substring("http://".length(), d.url().indexOf(':', "http://".length()));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host + ":" + d.port() + "/rating"))
                .timeout(Duration.ofSeconds(30)).POST(body);
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    private static String rating(String track, String valence, String arousal) throws Exception {
        return "{\"track\":" + JSON.writeValueAsString(track) + ",\"valence\":" + valence + ",\"arousal\":" + arousal
                + "}";
    }

    @Test
    void anAnswerToAPendingRatingReachesTheSinkOnceAnd204() throws Exception {
        try (Dashboard d = start()) {
            d.askRating(TRACK);
            d.askRating("second track");
            d.askRating(TRACK);
            assertEquals(List.of(TRACK, "second track"), d.pendingRatings(), "oldest first, asked once");

            HttpResponse<String> r = post(d, rating(TRACK, "7", "3"));
            assertEquals(204, r.statusCode(), r.body());
            assertEquals(List.of(TRACK + " 7.0 3.0"), rated);
            assertEquals(List.of("second track"), d.pendingRatings());

            HttpResponse<String> again = post(d, rating(TRACK, "2", "2"));
            assertEquals(409, again.statusCode());
            assertTrue(again.body().contains("'" + TRACK + "'"), again.body());
            assertEquals(1, rated.size(), "the second answer does not reach the sink");

            assertEquals(204, post(d, "{\"arousal\": 9, \"valence\": 1.0, \"track\": \"second track\"}").statusCode(),
                    "the scales' ends, fields in any order");
            assertEquals(List.of(TRACK + " 7.0 3.0", "second track 1.0 9.0"), rated);
            assertEquals(List.of(), d.pendingRatings());

            d.askRating(TRACK);
            assertEquals(204, post(d, rating(TRACK, "5", "5.5")).statusCode(), "asked again after its answer");
            assertEquals(TRACK + " 5.0 5.5", rated.get(2));
        }
    }

    @Test
    void twoPagesAnsweringTogetherReachTheSinkOnce() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Dashboard d = start(Dashboard.LOOPBACK, (track, valence, arousal) -> {
            rated.add(track + " " + valence + " " + arousal);
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            d.askRating(TRACK);
            CompletableFuture<HttpResponse<String>> first = http.sendAsync(
                    request(d, HttpRequest.BodyPublishers.ofString(rating(TRACK, "7", "3")), "application/json", null),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the first answer reaches the sink");
            // while the first answer is being recorded, the others are refused
            for (int page = 0; page < 3; page++) {
                HttpResponse<String> other = post(d, rating(TRACK, "2", "8"));
                assertEquals(409, other.statusCode(), other.body());
            }
            assertFalse(d.withdrawRating(TRACK), "an answer being recorded cannot be withdrawn");
            assertEquals(List.of(TRACK), d.pendingRatings(), "still on the pages until recorded");
            release.countDown();
            assertEquals(204, first.get(30, TimeUnit.SECONDS).statusCode());
            assertEquals(List.of(TRACK + " 7.0 3.0"), rated);
            assertEquals(List.of(), d.pendingRatings());
        }
    }

    @Test
    void anInvalidAnswerIs400NamingWhatIsWrong() throws Exception {
        String[][] cases = {
                {"{\"track\":\"T\",\"arousal\":3}", "valence is missing"},
                {"{\"track\":\"T\",\"valence\":7}", "arousal is missing"},
                {"{\"valence\":7,\"arousal\":3}", "track is missing"},
                {"{\"track\":\"T\",\"valence\":\"7\",\"arousal\":3}", "valence must be a number, got string"},
                {"{\"track\":\"T\",\"valence\":7,\"arousal\":true}", "arousal must be a number, got boolean"},
                {"{\"track\":\"T\",\"valence\":7,\"arousal\":null}", "arousal must be a number, got null"},
                {"{\"track\":7,\"valence\":7,\"arousal\":3}", "track must be a string, got number"},
                {"{\"track\":\"T\",\"valence\":7,\"arousal\":3,\"mood\":1}", "unknown field 'mood'"},
                {"{\"track\":\"T\",\"valence\":7,\"valence\":2,\"arousal\":3}", "'valence'"},
                {"{\"track\":\"T\",\"valence\":0,\"arousal\":3}", "valence must be within 1-9, got 0"},
                {"{\"track\":\"T\",\"valence\":9.5,\"arousal\":3}", "valence must be within 1-9, got 9.5"},
                {"{\"track\":\"T\",\"valence\":-7,\"arousal\":3}", "valence must be within 1-9, got -7"},
                {"{\"track\":\"T\",\"valence\":7,\"arousal\":0.999}", "arousal must be within 1-9, got 0.999"},
                {"{\"track\":\"T\",\"valence\":7,\"arousal\":1e400}", "arousal must be within 1-9"},
                {"{\"track\":\"T\",\"valence\":7,\"arousal\":NaN}", "not valid JSON"},
                {"{\"track\":\"T\",\"valence\":7,\"arousal\":3} {}", "not valid JSON"},
                {"{\"track\":\"T\",\"valence\":7,\"arousal\":3", "not valid JSON"},
                {"", "must be a JSON object"},
                {"[7, 3]", "must be a JSON object"},
        };
        try (Dashboard d = start()) {
            d.askRating("T");
            for (String[] c : cases) {
                HttpResponse<String> r = post(d, c[0]);
                assertEquals(400, r.statusCode(), c[0] + ": " + r.body());
                assertTrue(r.body().contains(c[1]), c[0] + ": " + r.body());
            }
            assertEquals(List.of(), rated);
            assertEquals(List.of("T"), d.pendingRatings(), "still pending");
        }
    }

    @Test
    void anAnswerForATrackNotPendingIs409NamingIt() throws Exception {
        try (Dashboard d = start()) {
            d.askRating(TRACK);
            HttpResponse<String> r = post(d, rating("Another track", "7", "3"));
            assertEquals(409, r.statusCode());
            assertTrue(r.body().contains("'Another track'"), r.body());
            assertTrue(d.withdrawRating(TRACK), "withdrawn, e.g. rated in the terminal");
            assertFalse(d.withdrawRating(TRACK));
            assertEquals(409, post(d, rating(TRACK, "7", "3")).statusCode(), "a withdrawn rating");
            assertEquals(List.of(), rated);
        }
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutALength() throws Exception {
        try (Dashboard d = start()) {
            d.askRating(TRACK);
            String padded = rating(TRACK, "7", "3") + " ".repeat(RatingEndpoint.MAX_BODY_BYTES);
            HttpResponse<String> sized = post(d, padded);
            assertEquals(413, sized.statusCode());
            assertTrue(sized.body().contains(RatingEndpoint.MAX_BODY_BYTES + " bytes"), sized.body());
            byte[] bytes = padded.getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> chunked = send(d, HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(bytes)), "application/json", null);
            assertEquals(413, chunked.statusCode(), "no Content-Length: read up to the limit");
            assertEquals(List.of(), rated);
            String fits = rating(TRACK, "7", "3");
            fits += " ".repeat(RatingEndpoint.MAX_BODY_BYTES - fits.getBytes(StandardCharsets.UTF_8).length);
            assertEquals(204, post(d, fits).statusCode(), "exactly at the limit");
        }
    }

    @Test
    void onlyAJsonPostIsTaken() throws Exception {
        try (Dashboard d = start()) {
            d.askRating(TRACK);
            HttpResponse<String> form = send(d, HttpRequest.BodyPublishers.ofString(rating(TRACK, "7", "3")),
                    "text/plain", null);
            assertEquals(415, form.statusCode(), "a cross-site form or simple request cannot post a rating");
            assertTrue(form.body().contains("Content-Type"), form.body());
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(d.url() + "rating")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, get.statusCode());
            assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
            assertEquals(204, send(d, HttpRequest.BodyPublishers.ofString(rating(TRACK, "7", "3")),
                    "application/json; charset=utf-8", null).statusCode());
        }
    }

    @Test
    void offTheLoopbackDefaultAnAnswerNeedsTheToken() throws Exception {
        try (Dashboard d = start("127.0.0.2",
                (track, valence, arousal) -> rated.add(track + " " + valence + " " + arousal))) {
            String token = d.token().orElseThrow();
            d.askRating(TRACK);
            HttpResponse<String> none = post(d, rating(TRACK, "7", "3"));
            assertEquals(401, none.statusCode());
            assertEquals(401, send(d, HttpRequest.BodyPublishers.ofString(rating(TRACK, "7", "3")), "application/json",
                    "Bearer " + token.substring(1)).statusCode());
            assertEquals(List.of(), rated);
            assertEquals(List.of(TRACK), d.pendingRatings());
            assertEquals(204, send(d, HttpRequest.BodyPublishers.ofString(rating(TRACK, "7", "3")), "application/json",
                    "Bearer " + token).statusCode());
            assertEquals(List.of(TRACK + " 7.0 3.0"), rated);
        }
    }

    /**
     * An answer given before the request's body has arrived (the token, the type or the declared length are
     * wrong) must not leave a connection that looks reusable but is closed: either the answer says
     * {@code Connection: close}, or the connection still takes the rest of the body and a next request. The
     * body is sent only once the answer has been read, so the server never has it when it answers.
     */
    @Test
    void anAnswerGivenBeforeTheBodyArrivedSaysWhetherTheConnectionStaysOpen() throws Exception {
        try (Dashboard d = start("127.0.0.2",
                (track, valence, arousal) -> rated.add(track + " " + valence + " " + arousal))) {
            String token = d.token().orElseThrow();
            d.askRating(TRACK);
            byte[] body = rating(TRACK, "7", "3").getBytes(StandardCharsets.UTF_8);
            String json = "Content-Type: application/json\r\n";
            String auth = "Authorization: Bearer " + token + "\r\n";
            Object[][] cases = {
                    {401, "POST /rating", json, body.length},
                    {401, "POST /rating", json + "Authorization: Bearer " + token.substring(1) + "\r\n", body.length},
                    {415, "POST /rating", auth + "Content-Type: text/plain\r\n", body.length},
                    {413, "POST /rating", auth + json, RatingEndpoint.MAX_BODY_BYTES + 1},
                    {405, "POST /metrics", auth + json, body.length},
                    {405, "PUT /rating", auth + json, body.length},
            };
            for (int round = 0; round < 3; round++) {
                for (Object[] c : cases) {
                    int status = (int) c[0];
                    int length = (int) c[3];
                    String what = c[1] + " answered " + status;
                    try (Socket s = new Socket(InetAddress.getByName("127.0.0.2"), d.port())) {
                        s.setSoTimeout(30_000);
                        OutputStream out = s.getOutputStream();
                        InputStream in = new BufferedInputStream(s.getInputStream());
                        out.write((c[1] + " HTTP/1.1\r\nHost: 127.0.0.2\r\n" + c[2] + "Content-Length: " + length
                                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        RawResponse first = RawResponse.read(in);
                        assertTrue(first != null, what + ": no answer");
                        assertEquals(status, first.status(), what);
                        if (first.closes()) {
                            continue;
                        }
                        // kept open: the rest of this request, then another one, on the same connection
                        byte[] rest = new byte[length];
                        System.arraycopy(body, 0, rest, 0, Math.min(body.length, length));
                        Arrays.fill(rest, Math.min(body.length, length), length, (byte) ' ');
                        out.write(rest);
                        out.write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.2\r\n" + auth + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        RawResponse next = RawResponse.read(in);
                        assertTrue(next != null, what + " without Connection: close, yet the connection was closed");
                        assertEquals(200, next.status(), what + ", then GET /metrics on the same connection");
                    }
                }
            }
            assertEquals(List.of(), rated);
            assertEquals(List.of(TRACK), d.pendingRatings());
        }
    }

    /**
     * The same through {@link HttpClient}, which keeps connections for the next request: refused answers,
     * half of them to bodies that come a little after their headers, one after another on one client; each
     * gets its 401 (none finds its connection closed under it).
     */
    @Test
    void refusedAnswersOneAfterAnotherOnOneClientEachGetTheirStatus() throws Exception {
        try (Dashboard d = start("127.0.0.2", (track, valence, arousal) -> rated.add(track))) {
            d.askRating(TRACK);
            byte[] body = rating(TRACK, "7", "3").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 200; i++) {
                HttpRequest.BodyPublisher publisher = i % 2 == 0 ? HttpRequest.BodyPublishers.ofByteArray(body)
                        : HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> new LateBody(body)), body.length);
                HttpResponse<String> r = send(d, publisher, "application/json", null);
                assertEquals(401, r.statusCode(), "request " + i);
            }
            assertEquals(List.of(), rated);
        }
    }

    /** A body whose bytes come a few milliseconds after it is first asked for: after its request's headers. */
    private static final class LateBody extends InputStream {
        private final byte[] body;
        private int next;

        LateBody(byte[] body) {
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            if (next == 0) {
                try {
                    Thread.sleep(5); // not a wait for anything: it only makes the body late
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            return next < body.length ? body[next++] & 0xff : -1;
        }
    }

    /** A response read off a socket: status, whether it says Connection: close; its body skipped. */
    private record RawResponse(int status, boolean closes) {

        /** Null at the end of the stream (or when the peer reset the connection) before a status line. */
        static RawResponse read(InputStream in) throws IOException {
            String statusLine;
            try {
                statusLine = line(in);
            } catch (SocketException reset) {
                return null;
            }
            if (statusLine == null) {
                return null;
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            boolean closes = false;
            long length = 0;
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                String name = h.substring(0, h.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(h.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT);
                if (name.equals("connection")) {
                    closes |= value.contains("close");
                } else if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                }
            }
            in.skipNBytes(length);
            return new RawResponse(status, closes);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return b.length() == 0 ? null : b.toString();
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }
    }

    @Test
    void aFailingSinkIs500AndTheRatingStaysPending() throws Exception {
        List<String> tries = new ArrayList<>();
        try (Dashboard d = start(Dashboard.LOOPBACK, (track, valence, arousal) -> {
            tries.add(track);
            if (tries.size() == 1) {
                throw new IllegalStateException("marker outlet closed");
            }
        })) {
            d.askRating(TRACK);
            HttpResponse<String> failed = post(d, rating(TRACK, "7", "3"));
            assertEquals(500, failed.statusCode());
            assertTrue(failed.body().contains("marker outlet closed"), failed.body());
            assertEquals(List.of(TRACK), d.pendingRatings());
            assertEquals(204, post(d, rating(TRACK, "7", "3")).statusCode(), "answered again");
            assertEquals(List.of(TRACK, TRACK), tries);
        }
    }

    @Test
    void withoutASinkNoRatingCanBeAsked() throws Exception {
        try (Dashboard d = Dashboard.start(new Dashboard.Settings(Dashboard.LOOPBACK, 0, false, "no ratings"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> 0)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.askRating(TRACK));
            assertTrue(e.getMessage().contains("RatingSink"), e.getMessage());
            assertEquals(409, post(d, rating(TRACK, "7", "3")).statusCode());
        }
    }

    @Test
    void pagesAreToldWhenARatingIsAskedAndAnsweredAndALatePageSeesThePendingOnes() throws Exception {
        try (Dashboard d = start(); EventReader early = new EventReader(d.port())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> pending(early).equals(List.of(List.of())));
            d.askRating(TRACK);
            d.askRating("second track");
            await().atMost(Duration.ofSeconds(10)).until(() -> last(early).equals(List.of(TRACK, "second track")));
            try (EventReader late = new EventReader(d.port())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !pending(late).isEmpty());
                assertEquals(List.of(TRACK, "second track"), pending(late).get(0), "the pending ones, on connecting");
                assertEquals(204, post(d, rating(TRACK, "7", "3")).statusCode());
                for (EventReader page : List.of(early, late)) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> last(page).equals(List.of("second track")));
                }
                assertTrue(d.withdrawRating("second track"));
                for (EventReader page : List.of(early, late)) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> last(page).equals(List.of()));
                }
                int told = pending(late).size();
                long frames = late.events.stream().filter(e -> e.contains("\"kind\":\"frame\"")).count();
                await().atMost(Duration.ofSeconds(10)).until(() -> late.events.stream()
                        .filter(e -> e.contains("\"kind\":\"frame\"")).count() >= frames + 5);
                assertEquals(told, pending(late).size(), "told once per change, not with every frame");
            }
        }
    }

    /** The pending lists of the {@code ratings} events a page got, in order. */
    private static List<List<String>> pending(EventReader page) throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (String e : page.events) {
            JsonNode event = JSON.readTree(e);
            if (event.get("kind").asText().equals("ratings")) {
                List<String> tracks = new ArrayList<>();
                event.get("pending").forEach(t -> tracks.add(t.asText()));
                out.add(tracks);
            }
        }
        return out;
    }

    private static List<String> last(EventReader page) throws Exception {
        List<List<String>> all = pending(page);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }
}
