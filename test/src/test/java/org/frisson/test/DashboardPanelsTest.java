package org.frisson.test;

import com.microsoft.playwright.Page;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.frisson.dashboards.Dashboard;
import org.frisson.dashboards.DeviceRow;
import org.frisson.dashboards.StreamDescription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The panels for outputs the demo does not have yet (band power, embedding, emotion, chill prediction),
 * drawn from channels a pipeline would publish, and the badge for a stage the pipeline switched off: a
 * dashboard fed directly, in Chromium.
 */
class DashboardPanelsTest {

    private static final List<String> BANDS = List.of("delta", "theta", "alpha", "beta", "gamma");

    private static StreamDescription stream(String name, String type, List<String> labels, String unit) {
        List<String> all = new ArrayList<>(labels);
        all.add("latency");
        List<String> units = new ArrayList<>();
        labels.forEach(l -> units.add(unit));
        units.add("seconds");
        return new StreamDescription(name, type, 4, all, units, false);
    }

    @Test
    void bandPowerEmbeddingEmotionAndChillPredictionAreDrawnWhenThePipelineHasThem() throws Exception {
        List<String> bandLabels = new ArrayList<>();
        for (String ch : List.of("Fz", "Cz", "Pz", "Oz")) {
            for (String b : BANDS) {
                bandLabels.add("EEG." + ch + "." + b);
            }
        }
        List<StreamDescription> outputs = List.of(
                stream("frisson.features", "Features", bandLabels, "nats"),
                stream("frisson.latent", "Latent", List.of("PC1", "PC2", "PC1.variance", "transition"), ""),
                stream("frisson.emotion", "Predictions", List.of("eeg.valence", "eeg.arousal"), "probability"),
                stream("frisson.chills", "Predictions", List.of("chill_probability"), "probability"));
        double t0 = System.nanoTime() / 1e9;
        try (Dashboard d = Dashboard.start(new Dashboard.Settings(Dashboard.LOOPBACK, 0, false, "panels"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> System.nanoTime() / 1e9)) {
            d.outputs().start(outputs);
            for (int k = 0; k < 40; k++) {
                double t = t0 - 10 + k * 0.25;
                double[] bands = new double[bandLabels.size() + 1];
                for (int i = 0; i < bandLabels.size(); i++) {
                    bands[i] = 1 + i % 5 + 0.1 * k;
                }
                d.outputs().sample(0, t, bands);
                d.outputs().sample(1, t, new double[]{Math.cos(k * 0.3), Math.sin(k * 0.3), 0.5, k % 10 == 0 ? 1 : 0, 0.002});
                d.outputs().sample(2, t, new double[]{0.6, 0.3 + 0.01 * k, 0.002});
                d.outputs().sample(3, t, new double[]{0.72, 0.002});
            }
            try (Browser browser = Browser.launch(1400, 1000)) {
                Page page = browser.open(d.url());
                await("the panels' data").atMost(Duration.ofSeconds(30)).until(() -> page.isVisible("#bands-chart"));
                assertFalse(page.isVisible("#bands-na"));
                assertTrue(page.isVisible("#latent-chart") && !page.isVisible("#latent-na"), "embedding drawn");
                assertTrue(page.isVisible("#emotion-chart") && !page.isVisible("#emotion-na"), "emotion drawn");
                String emotion = page.textContent("#emotion-legend");
                assertTrue(emotion.contains("eeg.valence (probability)") && emotion.contains("eeg.arousal"), emotion);
                String chills = page.textContent("#chill-legend");
                assertTrue(chills.contains("chill_probability (predicted, probability)"), chills);
                assertFalse(chills.contains("no chill prediction"), chills);
                assertTrue(pixels(page, "bands-chart", 255, 240, 40) > 100, "the hottest band-power cell");
                assertTrue(pixels(page, "latent-chart", 0xe2, 0x6d, 0x8b) > 10, "transition points on the trajectory");
                assertTrue(pixels(page, "emotion-chart", 0x8f, 0xd6, 0x94) > 10, "the valence trace");
                assertTrue(pixels(page, "chill-chart", 0xf0, 0xa0, 0x4b) > 10, "the chill probability trace");
                Browser.screenshot(page, "experimenter-panels", true);

                page.navigate(d.url() + "listener");
                await("listener").atMost(Duration.ofSeconds(30))
                        .until(() -> "72%".equals(page.textContent("#chill-value")));
                assertEquals("chill probability", page.textContent("#chill-what"));
                assertEquals("arousal", page.textContent("#second-what"));
                assertEquals("69%", page.textContent("#second-value"), "newest eeg.arousal, 0.3 + 0.39");
                assertTrue(page.textContent("#second-source").startsWith("predicted: eeg.arousal"));
                browser.assertNoPolicyViolation();

                // the console does report what the policy refuses: an inline script is neither run nor silent
                page.evaluate("() => { const s = document.createElement('script');"
                        + " s.textContent = 'window.inlineRan = true'; document.body.appendChild(s); }");
                await("the refused inline script reported").atMost(Duration.ofSeconds(10))
                        .until(() -> !browser.policyViolations().isEmpty());
                assertEquals(null, page.evaluate("() => window.inlineRan"), "the inline script did not run");
                page.close();
            }
        }
    }

    @Test
    void whatThePipelineSwitchedOffAppearsOnBothPagesWhileTheSessionRuns() throws Exception {
        var off = new java.util.concurrent.atomic.AtomicReference<List<String>>(List.of());
        String line = "stage 'chills' failed on frame 17 (t=4.250) and is switched off; its channels stay NaN,"
                + " every other stage goes on: java.lang.IllegalStateException: planted";
        try (Dashboard d = Dashboard.start(new Dashboard.Settings(Dashboard.LOOPBACK, 0, false, "switched off"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> System.nanoTime() / 1e9);
             Browser browser = Browser.launch(1200, 800)) {
            d.switchedOff(off::get);
            d.outputs().start(List.of(stream("frisson.chills", "Predictions", List.of("chill_probability"), "probability")));
            d.outputs().sample(0, System.nanoTime() / 1e9, new double[]{0.5, 0.002});
            Page experimenter = browser.open(d.url());
            Page listener = browser.open(d.url() + "listener");
            for (Page page : List.of(experimenter, listener)) {
                await("the page's first frame").atMost(Duration.ofSeconds(30))
                        .until(() -> "true".equals(String.valueOf(page.evaluate("() => Live.state.display !== null"))));
                assertEquals(0, page.locator("#notices .switched-off").count(), "nothing switched off yet");
            }
            off.set(List.of(line));
            for (Page page : List.of(experimenter, listener)) {
                await("the switched-off badge").atMost(Duration.ofSeconds(30))
                        .until(() -> page.locator("#notices .switched-off").count() == 1);
                assertEquals(line, page.textContent("#notices .switched-off"));
                assertTrue(page.isVisible("#notices"));
            }
            browser.assertNoPolicyViolation();
        }
    }

    @Test
    void theDevicesTableShowsEachBoardsHealthAndMarksWhatIsWrong() throws Exception {
        var rows = new java.util.concurrent.atomic.AtomicReference<List<DeviceRow>>(List.of());
        try (Dashboard d = Dashboard.start(new Dashboard.Settings(Dashboard.LOOPBACK, 0, false, "devices"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> System.nanoTime() / 1e9);
             Browser browser = Browser.launch(1200, 800)) {
            d.devices(rows::get);
            d.outputs().start(List.of(stream("frisson.features", "Features", List.of("eeg_de.Fz/alpha"), "nats")));
            d.outputs().sample(0, System.nanoTime() / 1e9, new double[]{0.5, 0.002});
            Page page = browser.open(d.url());
            await("the page's first frame").atMost(Duration.ofSeconds(30))
                    .until(() -> "true".equals(String.valueOf(page.evaluate("() => Live.state.display !== null"))));
            assertFalse(page.isVisible("#devices-panel"), "no device opened: no table");
            rows.set(List.of(
                    new DeviceRow("muse_s", "STREAMING", 87.6, 0.75, "TP9", 0, 0, ""),
                    new DeviceRow("emotibit", "RECONNECTING", Double.NaN, Double.NaN, "", 12, 1,
                            "no data for 5.0 s")));
            await("the devices table").atMost(Duration.ofSeconds(30))
                    .until(() -> page.locator("#devices tbody tr").count() == 2);
            assertTrue(page.isVisible("#devices-panel"));
            String muse = "#devices tr[data-device='muse_s'] ";
            assertEquals("streaming", page.textContent(muse + "[data-field=state]"));
            assertEquals("good", page.getAttribute(muse + "[data-field=state]", "class"));
            assertEquals("88", page.textContent(muse + "[data-field=battery]"));
            assertEquals("75 %", page.textContent(muse + "[data-field=signalQuality]"));
            assertEquals("bad", page.getAttribute(muse + "[data-field=signalQuality]", "class"));
            assertEquals("TP9", page.textContent(muse + "[data-field=badChannels]"));
            String bit = "#devices tr[data-device='emotibit'] ";
            assertEquals("reconnecting", page.textContent(bit + "[data-field=state]"));
            assertEquals("bad", page.getAttribute(bit + "[data-field=state]", "class"));
            assertEquals("–", page.textContent(bit + "[data-field=battery]"), "no battery row: a dash, not NaN");
            assertEquals("12", page.textContent(bit + "[data-field=droppedPackages]"));
            assertEquals("1", page.textContent(bit + "[data-field=reconnects]"));
            assertEquals("no data for 5.0 s", page.textContent(bit + "[data-field=lastError]"));
            browser.assertNoPolicyViolation();
        }
    }

    /** How many pixels of a canvas have (nearly) the colour {@code r, g, b}. */
    private static int pixels(Page page, String id, int r, int g, int b) {
        return ((Number) page.evaluate("([id, r, g, b]) => { const c = document.getElementById(id);"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + " for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) <= 2 && Math.abs(d[i + 1] - g) <= 2"
                + " && Math.abs(d[i + 2] - b) <= 2) n++; return n; }", List.of(id, r, g, b))).intValue();
    }
}
