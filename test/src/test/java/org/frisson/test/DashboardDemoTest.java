package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboards of a real {@code frisson demo} (own JVM, own output names, any free port), in Debian's
 * Chromium: live values arrive, change, and are the values Frisson's outlet publishes; the listener view;
 * {@code /metrics} and the Grafana board's queries; the page comes back after the pipeline restarts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardDemoTest {

    private static final String TAG = "dash" + ProcessHandle.current().pid();
    private static final String FEATURES = "frisson.features." + TAG;
    private static final String EMOTION = "frisson.emotion." + TAG;
    private static Path config;
    private static FrissonChild demo;
    private static String url;
    private static Browser browser;

    /** The emotionality row of the experimenter's feature table, as the page shows it. */
    private static final String EXPERIMENTER_SLIDER = "() => { const r = document.querySelector("
            + "'#latest tr[data-label=\"Rating.emotionality\"]'); if (!r || !r.dataset.stamp) return null;"
            + " return {stamp: r.dataset.stamp, value: r.dataset.value, text: r.querySelector('td.value').textContent}; }";

    /** A value a page shows, with its stamp, and the sample the outlet published at that stamp. */
    private record Shown(double stamp, double value, String text, double[] published) {
    }

    /**
     * Waits until the page shows a value stamped after {@code after} that {@code lsl} received too (a value
     * from before the inlet subscribed never reaches it), evaluating {@code js} for {stamp, value, text}.
     */
    private static Shown awaitShown(Page page, String js, OutletRecord lsl, double after) {
        Shown[] found = new Shown[1];
        await("a value on the page, newer than " + after + ", that the outlet published").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    Map<?, ?> o = (Map<?, ?>) page.evaluate(js);
                    if (o == null) {
                        return false;
                    }
                    double stamp = Double.parseDouble((String) o.get("stamp"));
                    double[] published = stamp > after ? lsl.find(stamp, 0.3) : null;
                    if (published == null) {
                        return false;
                    }
                    found[0] = new Shown(stamp, Double.parseDouble((String) o.get("value")), (String) o.get("text"),
                            published);
                    return true;
                });
        return found[0];
    }

    @BeforeAll
    static void startDemo() throws Exception {
        config = Files.createTempFile("demo-dash", ".yaml");
        Files.writeString(config, Files.readString(FrissonChild.home().resolve("configs/demo.yaml"))
                .replace("name: frisson.features", "name: " + FEATURES)
                .replace("name: frisson.emotion", "name: " + EMOTION)
                .replace("name: frisson.chills", "name: frisson.chills." + TAG)
                .replace("name: frisson.embedding", "name: frisson.embedding." + TAG)
                .replace("name: frisson.latent", "name: frisson.latent." + TAG)
                .replace("name: frisson.transitions", "name: frisson.transitions." + TAG)
                .replace("name: frisson.health", "name: frisson.health." + TAG));
        demo = FrissonChild.start("demo", "--config", config.toString(), "--dashboard-port", "0");
        url = demo.dashboardUrl();
        browser = Browser.launch(1400, 1000);
    }

    @AfterAll
    static void stopDemo() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    @Test
    @Order(1)
    void experimenterViewShowsLiveValuesAsPublishedOnLsl() throws Exception {
        try (OutletRecord lsl = OutletRecord.open(FEATURES, demo)) {
            Page page = browser.open(url);
            await("live status").atMost(Duration.ofSeconds(30)).until(() -> "live".equals(page.getAttribute("#conn", "data-state")));
            int emo = lsl.labels().indexOf("Rating.emotionality");
            assertTrue(emo >= 0, lsl.labels().toString());
            Set<Double> stamps = new TreeSet<>();
            Set<String> shown = new HashSet<>();
            double lastStamp = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 6; k++) {
                Shown row = awaitShown(page, EXPERIMENTER_SLIDER, lsl, lastStamp);
                assertEquals(row.published()[emo], row.value(), 1e-12,
                        "the page's value is the outlet's value at stamp " + row.stamp());
                assertEquals(row.published()[emo], Double.parseDouble(row.text()), 0.0005 + 1e-9,
                        "the number shown, rounded, at stamp " + row.stamp());
                stamps.add(row.stamp());
                shown.add(row.text());
                lastStamp = row.stamp();
                Thread.sleep(300);
            }
            assertEquals(6, stamps.size(), "stamps advance");
            assertTrue(shown.size() > 1, "the slider value changes: " + shown);

            // stream health: every input, with its effective rate near the nominal one
            @SuppressWarnings("unchecked")
            Map<String, Object> eeg = (Map<String, Object>) page.evaluate("() => { const r = document.querySelector("
                    + "'#health tr[data-stream=\"EEG\"]'); return r && {nominal: r.querySelector('[data-field=nominalRate]')"
                    + ".textContent, effective: r.querySelector('[data-field=effectiveRate]').textContent}; }");
            assertEquals(128.0, Double.parseDouble((String) eeg.get("nominal")), 1e-9);
            assertEquals(128.0, Double.parseDouble((String) eeg.get("effective")), 15.0, "effective EEG rate shown");
            List<?> streams = (List<?>) page.evaluate("() => [...document.querySelectorAll('#health tbody tr')].map(r => r.dataset.stream)");
            assertEquals(List.of("EEG", "GSR", "PPG", "Music", "Chills", "Rating"), streams);
            // latency percentiles, the chill panel's channels, the missing models said as such
            assertTrue(page.textContent("#p50").endsWith(" ms"), page.textContent("#p50"));
            String legend = page.textContent("#chill-legend");
            assertTrue(legend.contains("Chills.chill_held") && legend.contains("Rating.emotionality"), legend);
            assertTrue(page.isVisible("#latent-chart") && !page.isVisible("#latent-na"), "the music's PC1/PC2 trajectory");
            await("the emotion model's first predictions").atMost(Duration.ofSeconds(30))
                    .until(() -> page.isVisible("#emotion-chart") && !page.isVisible("#emotion-na"));
            String emotion = page.textContent("#emotion-legend");
            assertTrue(emotion.contains("eeg.valence") && emotion.contains("music.arousal"), emotion);
            assertTrue(page.isVisible("#notices") && page.textContent("#notices").contains(
                    "chills: demonstration model models/default/chills.onnx, trained on simulated listeners"),
                    "the demonstration models are said on the page: " + page.textContent("#notices"));
            assertFalse(page.textContent("#notices").contains("stands in"), page.textContent("#notices"));
            assertTrue(page.isVisible("#bands-na"), "no band-power channels in the demo yet");
            // raw signals: one plot per numeric input, the marker stream as text
            assertEquals(5L, ((Number) page.evaluate("() => document.querySelectorAll('#raw canvas.raw').length")).longValue());
            assertTrue(page.textContent("#raw").contains("EEG · EEG · 32 ch · 128 Hz"), page.textContent("#raw"));
            // the picture: wait until the 10 s plots are nearly full
            await("8 s of EEG on the page").atMost(Duration.ofSeconds(20)).until(() -> (Boolean) page.evaluate(
                    "() => { const t = Live.state.inputs[0].t; return t.length > 1 && t[t.length - 1] - t[0] >= 8; }"));
            if (Browser.makingReadmePictures()) {
                // the README's picture: every model running, a transition marked, chill predictions drawn
                Browser.settle(page, "() => { const c = Live.outputChannels().find(c => c.label === 'transition');"
                        + " return !!c && Live.state.outputs[c.out].v[c.ch].some(x => x > 0); }", Duration.ofSeconds(120));
            }
            Browser.screenshot(page, "experimenter", true);
            Browser.publish(Browser.screenshot(page, "experimenter-top", false), "dashboard-experimenter");
            browser.assertNoPolicyViolation();
            page.close();
        }
    }

    @Test
    @Order(2)
    void listenerViewShowsWhatThePipelineHas() throws Exception {
        try (OutletRecord lsl = OutletRecord.open(EMOTION, demo)) {
            Page page = browser.open(url.replace("/?", "/listener?").replaceAll("/$", "/listener"));
            // the predicted arousal and chill probability, once the models have their first windows
            await("a predicted arousal").atMost(Duration.ofSeconds(40)).until(() -> {
                String v = page.getAttribute("#second-value", "data-value");
                return v != null && Double.isFinite(Double.parseDouble(v));
            });
            assertEquals("eeg.arousal", page.getAttribute("#second-value", "data-label"));
            assertEquals("arousal", page.textContent("#second-what"));
            assertTrue(page.textContent("#second-source").startsWith("predicted: eeg.arousal"),
                    page.textContent("#second-source"));
            assertEquals("chill probability", page.textContent("#chill-what"));
            assertTrue(page.textContent("#chill-source").contains("predicted: chill_probability"),
                    page.textContent("#chill-source"));
            Shown v = awaitShown(page, "() => { const e = document.getElementById('second-value'); return e.dataset.stamp"
                    + " && isFinite(+e.dataset.value) ? {stamp: e.dataset.stamp, value: e.dataset.value, text: e.textContent}"
                    + " : null; }", lsl, Double.NEGATIVE_INFINITY);
            assertEquals(v.published()[lsl.labels().indexOf("eeg.arousal")], v.value(), 1e-6);
            assertFalse(page.isVisible("#concert"), "one listener: no participant grid");
            assertTrue(page.textContent("#notices").contains("trained on simulated listeners"), page.textContent("#notices"));
            if (Browser.makingReadmePictures()) {
                // the README's picture: the listener view during a predicted chill
                Browser.settle(page, "() => document.getElementById('chill-value').classList.contains('on')",
                        Duration.ofSeconds(120));
                page.waitForTimeout(2000); // the bars' 1.5 s CSS transition, for the picture only
            }
            Browser.publish(Browser.screenshot(page, "listener", false), "dashboard-listener");
            browser.assertNoPolicyViolation();
            page.close();
        }
    }

    @Test
    @Order(3)
    void metricsArePrometheusTextWithEveryMeterTheGrafanaBoardQueries() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "metrics")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers().toString());
        PrometheusText metrics = PrometheusText.parse(r.body());
        assertEquals("counter", metrics.types.get("frisson_frames_total"));
        assertEquals("histogram", metrics.types.get("frisson_latency_seconds"));
        assertTrue(metrics.value("frisson_frames_total", "") > 0);
        assertTrue(metrics.value("frisson_samples_in_total", "stream=\"EEG\"") > 0);
        assertEquals(0.0, metrics.value("frisson_samples_dropped_total", ""));
        assertTrue(metrics.value("frisson_dashboard_frames_sent_total", "") > 0, "the pages got frames");
        assertTrue(metrics.has("frisson_dashboard_frames_dropped_total"));

        JsonNode board = new ObjectMapper().readTree(FrissonChild.home().resolve("dashboards/grafana/frisson.json").toFile());
        Pattern metric = Pattern.compile("frisson_[a-z_]+");
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : board.get("panels")) {
            assertTrue(ids.add(panel.get("id").asInt()), "panel ids are unique");
            assertTrue(panel.get("gridPos").has("w") && panel.get("gridPos").has("h"), panel.toString());
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            for (JsonNode target : panel.get("targets")) {
                Matcher m = metric.matcher(target.get("expr").asText());
                while (m.find()) {
                    queries++;
                    assertTrue(metrics.has(m.group()), "board panel '" + panel.get("title").asText()
                            + "' queries " + m.group() + ", which /metrics does not export");
                }
            }
        }
        assertTrue(queries > 10, "the board queries the meters");
    }

    @Test
    @Order(4)
    void pageReconnectsAfterThePipelineRestarts() throws Exception {
        Page page = browser.open(url);
        await("live").atMost(Duration.ofSeconds(30)).until(() -> "live".equals(page.getAttribute("#conn", "data-state")));
        await("values").atMost(Duration.ofSeconds(30)).until(() -> page.evaluate(EXPERIMENTER_SLIDER) != null);
        double before = Double.parseDouble((String) ((Map<?, ?>) page.evaluate(EXPERIMENTER_SLIDER)).get("stamp"));
        int port = URI.create(url).getPort();
        assertEquals(0, demo.stop(), demo.log());
        await("the page sees the server gone").atMost(Duration.ofSeconds(20))
                .until(() -> !"live".equals(page.getAttribute("#conn", "data-state")));
        demo.close();
        demo = FrissonChild.start("demo", "--config", config.toString(), "--dashboard-port", String.valueOf(port));
        assertEquals(url, demo.dashboardUrl(), "the new process serves the same address");
        await("the same page is live again").atMost(Duration.ofSeconds(60))
                .until(() -> "live".equals(page.getAttribute("#conn", "data-state")));
        await("new values after the restart").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Object o = page.evaluate(EXPERIMENTER_SLIDER);
            return o != null && Double.parseDouble((String) ((Map<?, ?>) o).get("stamp")) > before + 1;
        });
        try (OutletRecord lsl = OutletRecord.open(FEATURES, demo)) {
            Shown row = awaitShown(page, EXPERIMENTER_SLIDER, lsl, before);
            assertEquals(row.published()[lsl.labels().indexOf("Rating.emotionality")], row.value(), 1e-12,
                    "after the restart, the page shows what the new outlet publishes");
        }
        browser.assertNoPolicyViolation();
        page.close();
    }
}
