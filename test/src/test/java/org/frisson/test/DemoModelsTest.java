package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code frisson demo} with every model running, seen from outside as a user sees it: a pylsl reader gets finite
 * music valence and chill probabilities, the streams' {@code <desc>} names the pretrained MusiCNN and the
 * demonstration models behind them and gives each feature channel its own unit, and the log has no error. And the other side: where MusiCNN cannot be had,
 * the stand-in is said in the log, on {@code frisson.health}, in the outputs' descriptions and on both pages.
 */
class DemoModelsTest {

    /** The demo config with this run's own output names, so parallel runs do not mix. */
    private static Path taggedConfig(String tag) throws Exception {
        Path config = Files.createTempFile("demo-models", ".yaml");
        String text = Files.readString(FrissonChild.home().resolve("configs/demo.yaml"));
        for (String out : List.of("features", "embedding", "latent", "transitions", "emotion", "chills", "health")) {
            text = text.replace("name: frisson." + out + ",", "name: frisson." + out + "." + tag + ",");
        }
        Files.writeString(config, text);
        return config;
    }

    private static JsonNode awaitFinite(Peer peer) {
        peer.awaitReady(Duration.ofSeconds(90));
        return peer.nextJson(Duration.ofSeconds(150));
    }

    @Test
    void everyModelRunsAndAPylslReaderSeesFinitePredictions() throws Exception {
        String tag = "models" + ProcessHandle.current().pid();
        try (FrissonChild demo = FrissonChild.start("demo", "--config", taggedConfig(tag).toString(), "--no-dashboard");
             Peer emotion = Peer.start("prediction_peer.py", List.of("--name", "frisson.emotion." + tag,
                     "--channel", "music.valence", "--channel", "music.arousal", "--channel", "eeg.valence",
                     "--timeout", "120"));
             Peer chills = Peer.start("prediction_peer.py", List.of("--name", "frisson.chills." + tag,
                     "--channel", "chill_probability", "--channel", "phasic_predicted", "--timeout", "120"));
             Peer features = Peer.start("prediction_peer.py", List.of("--name", "frisson.features." + tag,
                     "--channel", "GSR.tonic", "--timeout", "120"))) {
            CompletableFuture<JsonNode> chillResult = CompletableFuture.supplyAsync(() -> awaitFinite(chills));
            CompletableFuture<JsonNode> featureResult = CompletableFuture.supplyAsync(() -> awaitFinite(features));
            JsonNode e = awaitFinite(emotion);
            JsonNode c = chillResult.get(300, TimeUnit.SECONDS);
            for (String ch : List.of("music.valence", "music.arousal", "eeg.valence")) {
                JsonNode v = e.get("first_finite").get(ch);
                assertFalse(v.isNull(), ch + " never finite in " + e.get("samples") + " samples; log:\n" + demo.log());
                assertTrue(v.get("value").asDouble() >= 0 && v.get("value").asDouble() <= 1, ch + " " + v);
            }
            for (String ch : List.of("chill_probability", "phasic_predicted")) {
                assertFalse(c.get("first_finite").get(ch).isNull(), ch + " never finite; log:\n" + demo.log());
            }
            // the description names what computed the values: the pretrained MusiCNN under the music branch
            JsonNode music = find(e.get("provenance"), "music");
            assertEquals("MTT_musicnn", music.get("component").asText(), e.get("provenance").toString());
            assertEquals("pretrained", music.get("weights").asText());
            assertEquals("", music.get("notice").asText(), "no stand-in");
            JsonNode chillModel = find(c.get("provenance"), "chills");
            assertEquals("simulated-cohort", chillModel.get("trained_on").asText());
            assertTrue(chillModel.get("notice").asText().contains("simulated listeners"), chillModel.toString());
            // each feature channel carries its own unit, not its stage's
            JsonNode units = featureResult.get(300, TimeUnit.SECONDS).get("units");
            Map<String, String> expected = Map.of("PPG.heart_rate", "bpm", "PPG.rmssd", "ms", "PPG.sdnn", "ms",
                    "PPG.beats", "count", "GSR.phasic", "microsiemens", "GSR.scr_count", "count", "GSR.quality", "flags");
            expected.forEach((label, unit) -> assertEquals(unit, units.path(label).asText(null),
                    "unit of " + label + " in frisson.features: " + units));
            String log = demo.log();
            assertFalse(log.contains("ERROR"), "an ERROR line in the demo's log:\n" + log);
            assertFalse(log.contains("stands in"), log);
            assertTrue(log.contains("NOTE chills: demonstration model"), log);
        }
    }

    @Test
    void aStandInEmbedderIsSaidInTheLogOnHealthInTheOutputsAndOnBothPages() throws Exception {
        // a Frisson home with the project's configs, models and liblsl but no way to export MusiCNN
        Path home = Files.createTempDirectory("frisson-no-export");
        Path real = FrissonChild.home();
        Files.createSymbolicLink(home.resolve("configs"), real.resolve("configs"));
        Files.createSymbolicLink(home.resolve("models"), real.resolve("models"));
        Files.createDirectories(home.resolve(".frisson"));
        Files.createSymbolicLink(home.resolve(".frisson/lib"), real.resolve(".frisson/lib"));
        String tag = "standin" + ProcessHandle.current().pid();
        try (FrissonChild demo = FrissonChild.startIn(home, Map.of(), "demo", "--config", taggedConfig(tag).toString(),
                "--dashboard-port", "0", "--duration", "120")) {
            demo.awaitLog("NOTE music: the acoustic embedder (rms, flux, centroid, roughness) stands in for musicnn",
                    Duration.ofSeconds(90));
            String url = demo.dashboardUrl();
            // frisson.health and the emotion output (built on the music stage) carry it in their descriptions
            for (String name : List.of("frisson.health." + tag, "frisson.emotion." + tag)) {
                List<Map<String, String>> provenance = described(name);
                Map<String, String> music = provenance.stream().filter(m -> "music".equals(m.get("stage"))).findFirst()
                        .orElseThrow(() -> new AssertionError(name + ": no provenance of stage music: " + provenance));
                assertEquals("acoustic", music.get("component"), name);
                assertTrue(music.get("notice").contains("stands in for musicnn"), name + ": " + music);
            }
            // the dashboards' meta event, and the badge on both pages
            String meta = metaEvent(url);
            assertTrue(meta.contains("stands in for musicnn"), meta);
            try (Browser browser = Browser.launch(1200, 800)) {
                for (String view : List.of("", "listener")) {
                    Page page = browser.open(view.isEmpty() ? url : url.replaceFirst("/(\\?|$)", "/listener$1"));
                    await("the notice badge on /" + view).atMost(Duration.ofSeconds(30))
                            .until(() -> page.isVisible("#notices"));
                    String text = page.textContent("#notices");
                    assertTrue(text.contains("stands in for musicnn"), view + ": " + text);
                    page.close();
                }
                browser.assertNoPolicyViolation();
            }
        } finally {
            try (Stream<Path> s = Files.walk(home)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static JsonNode find(JsonNode provenance, String stage) {
        for (JsonNode m : provenance) {
            if (stage.equals(m.get("stage").asText())) {
                return m;
            }
        }
        throw new AssertionError("no provenance of stage " + stage + " in " + provenance);
    }

    /** The {@code <desc><provenance><model>} entries of the stream {@code name}, read through our own inlet. */
    private static List<Map<String, String>> described(String name) throws Exception {
        Optional<StreamInfo> found = Optional.empty();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (found.isEmpty() && System.nanoTime() < deadline) {
            found = Resolver.first("name='" + name + "'", 2.0);
        }
        StreamInfo info = found.orElseThrow(() -> new AssertionError("no stream " + name));
        try (info; Inlet inlet = Inlet.open(info); StreamInfo full = inlet.fullInfo(10)) {
            return new ArrayList<>(full.descElements("provenance/model"));
        }
    }

    /** The first {@code meta} event of the dashboard's event stream. */
    private static String metaEvent(String url) throws Exception {
        String events = url.replaceFirst("/(\\?|$)", "/events$1");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(events))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        try (Stream<String> lines = r.body()) {
            return lines.filter(l -> l.startsWith("data:") && l.contains("\"kind\":\"meta\"")).findFirst()
                    .orElseThrow(() -> new AssertionError("no meta event from " + events));
        }
    }
}
