package org.frisson.test;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
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
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concert mode on a non-default address: {@code frisson run} with {@code configs/concert.yaml} on the
 * concert simulator, the dashboard bound to another loopback address, where every request needs the
 * access token; the listener view shows one tile per participant.
 */
class DashboardConcertTest {

    private static final int PARTICIPANTS = 6;
    private static final String BIND = "127.0.0.2";

    @Test
    void tokenIsRequiredOffTheDefaultAddressAndTheListenerViewShowsEveryParticipant() throws Exception {
        String session = "dashconcert" + ProcessHandle.current().pid();
        Path config = Files.createTempFile("concert-dash", ".yaml");
        Files.writeString(config, Files.readString(FrissonChild.home().resolve("configs/concert.yaml"))
                .replaceAll("query: \"([^\"]*)\"", "query: \"($1) and starts-with(source_id,'frisson-sim-" + session + "-')\"")
                .replace("expect: 10", "expect: " + PARTICIPANTS)
                .replace("name: frisson.features", "name: frisson.features." + session)
                .replace("name: frisson.health", "name: frisson.health." + session));
        Path tokenFile = Files.createTempDirectory("concert-token").resolve("dashboard.token");
        try (FrissonChild sim = FrissonChild.start("simulate", "session", "concert", "--participants",
                String.valueOf(PARTICIPANTS), "--session", session, "--duration", "120");
             FrissonChild run = FrissonChild.start("run", "--config", config.toString(), "--duration", "120",
                     "--dashboard-bind", BIND, "--dashboard-port", "0", "--dashboard-host", "hall.example.org",
                     "--token-file", tokenFile.toString())) {
            String url = run.dashboardUrl();
            assertTrue(url.startsWith("http://" + BIND + ":") && url.contains("/?token="), url);
            URI withToken = URI.create(url);
            String token = withToken.getQuery().substring("token=".length());
            String base = "http://" + withToken.getAuthority() + "/";
            assertEquals(token, Files.readString(tokenFile).strip(), "the token kept in --token-file");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
            // another site's name for this address is refused before the token; the hall's name is allowed
            assertEquals(421, status(withToken.getPort(), "evil.example", token));
            assertEquals(200, status(withToken.getPort(), "hall.example.org:" + withToken.getPort(), token));
            assertEquals(200, status(withToken.getPort(), BIND, token));

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String path : List.of("", "listener", "metrics", "events", "static/live.js")) {
                assertEquals(401, get(http, base + path, null).statusCode(), "no token: /" + path);
                assertEquals(401, get(http, base + path + "?token=" + token.substring(1), null).statusCode(),
                        "wrong token: /" + path);
            }
            HttpResponse<String> metrics = get(http, base + "metrics", "Bearer " + token);
            assertEquals(200, metrics.statusCode());
            assertTrue(PrometheusText.parse(metrics.body()).has("frisson_frames_total"));
            assertTrue(metrics.body().contains("frisson_dashboard_refused_total{reason=\"host\"} 1.0")
                    && metrics.body().contains("frisson_dashboard_refused_total{reason=\"token\"} 10.0"), metrics.body());
            assertEquals(200, get(http, base + "static/live.js?token=" + token, null).statusCode());

            run.awaitLog("running ", Duration.ofSeconds(60));
            try (Browser browser = Browser.launch(1400, 900)) {
                Page page = browser.open(base + "listener?token=" + token);
                await("one tile per participant").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> ((Number) page.evaluate("() => document.querySelectorAll('.tile').length")).intValue()
                                == PARTICIPANTS);
                assertEquals("live", page.getAttribute("#conn", "data-state"));
                assertEquals(List.of("P001", "P002", "P003", "P004", "P005", "P006"),
                        page.evaluate("() => [...document.querySelectorAll('.tile')].map(t => t.dataset.participant)"));
                await("skin conductance on every tile").atMost(Duration.ofSeconds(30)).until(() -> (Boolean) page.evaluate(
                        "() => [...document.querySelectorAll('.tile .detail')].every(d => /presses/.test(d.textContent)"
                                + " && /GSR [0-9.]+ microsiemens/.test(d.textContent))"));
                String summary = page.textContent("#summary");
                assertTrue(summary.matches("(?s)\\d of 6 listeners report chills now.*no chill predictor.*"), summary);
                Browser.publish(Browser.screenshot(page, "listener-concert", false), "dashboard-concert");
                browser.assertNoPolicyViolation();
            }
            assertEquals(0, run.stop(), run.log());
        }
    }

    /** The status of {@code GET /metrics} with the token, sent with {@code host} as its Host. */
    private static int status(int port, String host, String token) throws Exception {
        try (Socket s = new Socket(InetAddress.getByName(BIND), port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        // an accepted event stream never ends: read only its status
        return url.contains("/events") ? http.send(b.build(), r -> HttpResponse.BodySubscribers.replacing(""))
                : http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
