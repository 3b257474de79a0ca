package org.frisson.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Dashboard start(String bind, int port, boolean anyPortIfTaken, PrometheusMeterRegistry registry) {
        return Dashboard.start(new Dashboard.Settings(bind, port, anyPortIfTaken, "test session"), registry,
                () -> System.nanoTime() / 1e9);
    }

    private static StreamDescription eeg(String name, int channels) {
        List<String> labels = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            labels.add("ch" + c);
            units.add("microvolts");
        }
        return new StreamDescription(name, "EEG", 100, labels, units, false);
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesGetMetaThenFramesWithWhatTheFeedsReceived() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Dashboard d = start(Dashboard.LOOPBACK, 0, false, registry)) {
            assertTrue(d.token().isEmpty(), "no token on 127.0.0.1");
            assertEquals("http://127.0.0.1:" + d.port() + "/", d.url());
            d.inputs().start(List.of(eeg("EEG", 2)));
            d.outputs().start(List.of(new StreamDescription("frisson.features", "Features", 4,
                    List.of("Rating.emotionality", "latency"), List.of("fraction", "seconds"), false)));
            d.health(() -> List.of(new HealthRow("EEG", "eeg", 100, 99.5, 10, 0, 0, 0.001, 0.0001, 0, 0.02, 0.1, 0,
                    0, 0, 0, 0, false, "")));
            d.switchedOff(() -> List.of("stage 'x' failed on frame 3 and is switched off"));
            d.inputs().chunk(0, 3, new double[]{1.00, 1.01, 1.02}, new double[]{1, -1, 2, -2, 3, -3}, null);
            d.outputs().sample(0, 1.02, new double[]{0.625, 0.0015});
            try (EventReader page = new EventReader(d.port())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> page.events.size() >= 2);
                JsonNode meta = JSON.readTree(page.events.get(0));
                assertEquals("meta", meta.get("kind").asText());
                assertEquals("test session", meta.get("title").asText());
                assertEquals("EEG", meta.get("inputs").get(0).get("name").asText());
                assertEquals("microvolts", meta.get("inputs").get(0).get("units").get(1).asText());
                assertEquals("Rating.emotionality", meta.get("outputs").get(0).get("labels").get(0).asText());
                JsonNode full = JSON.readTree(page.events.get(1));
                assertTrue(full.get("full").asBoolean());
                assertEquals(3, full.get("inputs").get(0).get("t").size());
                assertEquals(-2.0, full.get("inputs").get(0).get("lo").get(1).get(1).asDouble());
                assertEquals(0.625, full.get("outputs").get(0).get("v").get(0).get(0).asDouble());
                assertEquals(99.5, full.get("health").get(0).get("effectiveRate").asDouble());
                assertEquals("stage 'x' failed on frame 3 and is switched off", full.get("switchedOff").get(0).asText());

                // what arrives later comes as a delta with only the new sample
                int seen = page.events.size();
                d.outputs().sample(0, 1.27, new double[]{0.75, 0.0012});
                await().atMost(Duration.ofSeconds(10)).until(() -> page.events.stream().skip(seen)
                        .anyMatch(e -> e.contains("0.75")));
                JsonNode delta = JSON.readTree(page.events.stream().skip(seen).filter(e -> e.contains("0.75"))
                        .findFirst().orElseThrow());
                assertEquals(false, delta.get("full").asBoolean());
                assertEquals(1, delta.get("outputs").get(0).get("t").size());
                assertEquals(1.27, delta.get("outputs").get(0).get("t").get(0).asDouble());
            }
            HttpResponse<String> metrics = get("http://127.0.0.1:" + d.port() + "/metrics", null);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("frisson_dashboard_frames_sent_total"), metrics.body());
        }
    }

    @Test
    void aStalledPageLosesFramesCountedWhileOtherPagesAndTheFeedsGoOn() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Dashboard d = start(Dashboard.LOOPBACK, 0, false, registry)) {
            // enough data that one full frame (megabytes) cannot fit in the socket buffers of a page that reads nothing
            int streams = 8, channels = 64;
            List<StreamDescription> inputs = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                inputs.add(eeg("EEG" + s, channels));
            }
            d.inputs().start(inputs);
            double[] stamps = new double[10];
            double[] values = new double[10 * channels];
            AtomicInteger chunk = new AtomicInteger();
            Runnable feedOnce = () -> {
                int k = chunk.getAndIncrement();
                for (int i = 0; i < 10; i++) {
                    stamps[i] = (k * 10 + i) / 100.0;
                }
                for (int i = 0; i < values.length; i++) {
                    values[i] = Math.sin(k + i * 0.37) * 1234.567;
                }
                for (int s = 0; s < streams; s++) {
                    d.inputs().chunk(s, 10, stamps, values, null);
                }
            };
            for (int k = 0; k < 120; k++) {
                feedOnce.run();
            }
            var dropped = registry.find("frisson.dashboard.frames.dropped").counter();
            try (Socket stalled = new Socket()) {
                stalled.setReceiveBufferSize(4096);
                stalled.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), d.port()), 5000);
                OutputStream out = stalled.getOutputStream();
                out.write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                await("frames dropped for the stalled page").atMost(Duration.ofSeconds(30))
                        .until(() -> dropped.count() >= 10);
                try (EventReader reading = new EventReader(d.port())) {
                    double droppedBefore = dropped.count();
                    int fedBefore = chunk.get();
                    // the feeds never wait for pages: feeding goes on while one page is stalled
                    for (int k = 0; k < 200; k++) {
                        feedOnce.run();
                    }
                    assertEquals(fedBefore + 200, chunk.get());
                    await("the reading page gets frames while the other is stalled").atMost(Duration.ofSeconds(30))
                            .until(() -> reading.events.size() >= 20);
                    assertTrue(dropped.count() > droppedBefore, "the stalled page keeps losing frames");
                    assertEquals(2.0, registry.find("frisson.dashboard.clients").gauge().value(), "both pages connected");
                }
            }
        }
    }

    @Test
    void offTheLoopbackDefaultEveryRequestNeedsTheToken() throws Exception {
        try (Dashboard d = start("127.0.0.2", 0, false, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            String token = d.token().orElseThrow();
            String base = "http://127.0.0.2:" + d.port() + "/";
            assertEquals(base + "?token=" + token, d.url());
            for (String path : List.of("", "listener", "metrics", "static/live.js", "nothing")) {
                HttpResponse<String> r = get(base + path, null);
                assertEquals(401, r.statusCode(), path);
                assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), path);
                assertEquals(401, get(base + path, "Bearer " + token.toUpperCase()).statusCode(), path);
            }
            HttpResponse<String> page = get(base + "?token=" + token, null);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("static/live.js?token=" + token), "the page passes the token on");
            // on the same connection as the case-changed attempts above: values are compared as sent
            assertEquals(200, get(base + "static/live.js", "Bearer " + token).statusCode());
            assertEquals(404, get(base + "nothing?token=" + token, null).statusCode());
        }
    }

    @Test
    void aTakenPortIsAnErrorUnlessAnyPortWillDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Dashboard.LOOPBACK))) {
            int port = taken.getLocalPort();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> start(Dashboard.LOOPBACK, port, false, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
            assertTrue(e.getMessage().contains(":" + port), e.getMessage());
            try (Dashboard d = start(Dashboard.LOOPBACK, port, true, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
                assertNotEquals(port, d.port());
                assertEquals(200, get("http://127.0.0.1:" + d.port() + "/", null).statusCode());
            }
        }
    }
}
