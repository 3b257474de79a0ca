package org.frisson.dashboards;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard on a hostile network: Host, Origin, token file, failed tokens, security headers. */
class DashboardSecurityTest {

    private static final String TRACK = "Pärt – Spiegel im Spiegel";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<String> rated = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong();

    private Dashboard start(String bind, List<String> hosts, Path tokenFile) {
        return Dashboard.start(new Dashboard.Settings(bind, 0, false, "security", hosts, tokenFile), registry,
                () -> System.nanoTime() / 1e9, (track, valence, arousal) -> rated.add(track),
                new FailedAttempts(Dashboard.FAILURE_LIMIT, TimeUnit.SECONDS.toNanos(Dashboard.FAILURE_WINDOW_SECONDS),
                        now::get));
    }

    /** An answer read off a raw socket: status, headers (lower-case names), body. */
    private record Raw(int status, Map<String, String> headers, String body) {
    }

    /** A request written by hand, so that its {@code Host} can be anything (or absent: {@code host} null). */
    private static Raw raw(String bind, int port, String method, String path, String host, String... headers)
            throws IOException {
        try (Socket s = new Socket(InetAddress.getByName(bind), port)) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (host != null) {
                req.append("Host: ").append(host).append("\r\n");
            }
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            Map<String, String> fields = new TreeMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                fields.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            if (method.equals("HEAD") || path.startsWith("/events") && status == 200) {
                return new Raw(status, fields, "");
            }
            int length = Integer.parseInt(fields.getOrDefault("content-length", "0"));
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            // the body is ASCII here: characters are bytes
            return new Raw(status, fields, new String(body, 0, read));
        }
    }

    private double refused(String reason) {
        return registry.get("frisson.dashboard.refused").tag("reason", reason).counter().count();
    }

    @Test
    void aRequestNamingAnotherHostIsRefusedBeforeAnythingElse() throws Exception {
        try (Dashboard d = start(Dashboard.LOOPBACK, List.of("hall.example.org"), null)) {
            int port = d.port();
            for (String path : List.of("/", "/listener", "/metrics", "/events", "/static/live.js", "/nothing")) {
                Raw r = raw("127.0.0.1", port, "GET", path, "evil.example:" + port);
                assertEquals(421, r.status(), path);
                assertTrue(r.body().contains("'evil.example:" + port + "'"), r.body());
            }
            assertEquals(421, raw("127.0.0.1", port, "POST", "/rating", "evil.example").status());
            assertEquals(421, raw("127.0.0.1", port, "PUT", "/", "127.0.0.1.evil.example").status(), "before the method");
            Raw none = raw("127.0.0.1", port, "GET", "/", null);
            assertTrue(none.status() == 421 || none.status() == 400, "no Host: " + none.status());
            Raw http10 = rawHttp10(port);
            assertEquals(421, http10.status(), "HTTP/1.0 without Host");
            assertTrue(http10.body().contains("Host none"), http10.body());
            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port,
                    "127.0.0.2", "hall.example.org:" + port, "Hall.Example.Org")) {
                assertEquals(200, raw("127.0.0.1", port, "GET", "/", host).status(), host);
            }
            assertEquals(9.0, refused("host"), "every refused Host counted");
            String metrics = raw("127.0.0.1", port, "GET", "/metrics", "localhost").body();
            assertTrue(metrics.contains("frisson_dashboard_refused_total{reason=\"host\"} 9.0"), metrics);
        }
    }

    private static Raw rawHttp10(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Raw(Integer.parseInt(all.split(" ")[1]), Map.of(), all.substring(all.indexOf("\r\n\r\n") + 4));
        }
    }

    @Test
    void aRatingFromAnotherSitesPageIsRefusedAndNeverReachesTheSink() throws Exception {
        try (Dashboard d = start(Dashboard.LOOPBACK, List.of(), null)) {
            d.askRating(TRACK);
            String own = "http://127.0.0.1:" + d.port();
            record Case(String header, String value) {
            }
            for (Case c : List.of(new Case("Origin", "http://evil.example"), new Case("Origin", "null"),
                    new Case("Origin", "http://127.0.0.1:" + (d.port() + 1)), new Case("Origin", "https://127.0.0.1:" + d.port()),
                    new Case("Referer", "http://evil.example/page.html"))) {
                HttpResponse<String> r = post(d, c.header(), c.value());
                assertEquals(403, r.statusCode(), c.toString());
                assertTrue(r.body().contains("another site"), r.body());
            }
            assertEquals(List.of(), rated);
            assertEquals(List.of(TRACK), d.pendingRatings());
            assertEquals(5.0, refused("origin"));

            assertEquals(204, post(d, "Origin", own).statusCode(), "the dashboard's own page");
            assertEquals(List.of(TRACK), rated);
            d.askRating("second");
            assertEquals(204, post(d, "Referer", "http://localhost:" + d.port() + "/listener", "second").statusCode());
            d.askRating("third");
            assertEquals(204, post(d, null, null, "third").statusCode(), "a script sends neither");
            assertEquals(List.of(TRACK, "second", "third"), rated);
            assertEquals(5.0, refused("origin"));
        }
    }

    private HttpResponse<String> post(Dashboard d, String header, String value) throws Exception {
        return post(d, header, value, TRACK);
    }

    private HttpResponse<String> post(Dashboard d, String header, String value, String track) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.port() + "/rating"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"track\":\"" + track + "\",\"valence\":7,\"arousal\":3}"));
        if (header != null) {
            b.header(header, value);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theTokenFileGivesTheSameTokenAtEveryStart() throws Exception {
        Path file = dir.resolve("dashboard.token");
        String token;
        try (Dashboard d = start("127.0.0.2", List.of(), file)) {
            token = d.token().orElseThrow();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(token, Files.readString(file).strip());
        }
        try (Dashboard d = start("127.0.0.2", List.of(), file)) {
            assertEquals(token, d.token().orElseThrow(), "the same token on the next start");
            assertEquals(200, get("http://127.0.0.2:" + d.port() + "/metrics", "Bearer " + token).statusCode());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> start("127.0.0.2", List.of(), file).close());
        assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
    }

    @Test
    void wrongTokensFromOneAddressAreRateLimitedAndCounted() throws Exception {
        try (Dashboard d = start("127.0.0.2", List.of(), null)) {
            String token = d.token().orElseThrow();
            String metrics = "http://127.0.0.2:" + d.port() + "/metrics";
            for (int i = 0; i < 5; i++) {
                assertEquals(401, get(metrics, null).statusCode(), "no token is not a guess");
            }
            for (int i = 0; i < Dashboard.FAILURE_LIMIT; i++) {
                assertEquals(401, get(metrics, "Bearer wrong" + i).statusCode(), "wrong token " + i);
            }
            HttpResponse<String> limited = get(metrics, "Bearer wrong");
            assertEquals(429, limited.statusCode());
            assertEquals(429, get(metrics, "Bearer " + token).statusCode(), "not even the right token while blocked");
            long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(Dashboard.FAILURE_WINDOW_SECONDS, retry);
            now.addAndGet(TimeUnit.SECONDS.toNanos(Dashboard.FAILURE_WINDOW_SECONDS));
            HttpResponse<String> after = get(metrics, "Bearer " + token);
            assertEquals(200, after.statusCode(), "the window has passed");
            assertTrue(after.body().contains("frisson_dashboard_refused_total{reason=\"token\"} 15.0"), after.body());
            assertTrue(after.body().contains("frisson_dashboard_refused_total{reason=\"rate_limited\"} 2.0"), after.body());
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        try (Dashboard d = start(Dashboard.LOOPBACK, List.of(), null)) {
            d.askRating(TRACK);
            List<Raw> answers = new ArrayList<>();
            for (String path : List.of("/", "/listener", "/static/live.js", "/static/dashboard.css",
                    "/static/favicon.svg", "/metrics", "/events", "/nothing")) {
                answers.add(raw("127.0.0.1", d.port(), "GET", path, "127.0.0.1:" + d.port()));
            }
            answers.add(raw("127.0.0.1", d.port(), "GET", "/", "evil.example"));
            answers.add(raw("127.0.0.1", d.port(), "POST", "/rating", "127.0.0.1", "Origin: http://evil.example",
                    "Content-Type: application/json", "Content-Length: 0"));
            answers.add(raw("127.0.0.1", d.port(), "DELETE", "/", "127.0.0.1"));
            List<Integer> statuses = answers.stream().map(Raw::status).toList();
            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 404, 421, 403, 405), statuses);
            for (Raw a : answers) {
                Map<String, String> h = a.headers();
                assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, h.get("content-security-policy"), a.toString());
                assertEquals("DENY", h.get("x-frame-options"), a.toString());
                assertEquals("nosniff", h.get("x-content-type-options"), a.toString());
                assertEquals("no-referrer", h.get("referrer-policy"), a.toString());
            }
            String csp = SecurityHeaders.CONTENT_SECURITY_POLICY;
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
                    && !csp.contains("unsafe"), csp);
        }
    }

    @Test
    void thePagesHaveNoInlineScriptNorStyle() {
        WebResources web = new WebResources();
        for (String page : List.of("experimenter.html", "listener.html")) {
            String html = new String(web.page(page, ""), StandardCharsets.UTF_8);
            assertTrue(!html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), page + ": an inline script");
            assertTrue(!html.matches("(?s).*<[^>]*\\son[a-z]+\\s*=.*"), page + ": an inline event handler");
            assertTrue(!html.matches("(?s).*<[^>]*\\sstyle\\s*=.*") && !html.contains("<style"), page + ": inline style");
            assertTrue(!html.contains("javascript:"), page);
        }
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
