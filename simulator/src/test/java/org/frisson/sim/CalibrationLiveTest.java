package org.frisson.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short live calibration session (2 tracks of 4 s): real LSL inlets receive the player's track markers and
 * the ratings at the stamps the ground truth gives, and EEG samples equal to those of the same session written
 * to XDF.
 */
class CalibrationLiveTest {

    @Test
    void inletsReceiveThePlayerAndRatingMarkersAndTheFileSessionsSamples(@TempDir Path dir) throws Exception {
        String session = "callive" + ProcessHandle.current().pid();
        Path truthFile = dir.resolve("truth.json");
        SessionOptions options = SessionOptions.calibration(2, 4, 5, truthFile, session);
        List<String> playerTexts = new ArrayList<>();
        List<Double> playerStamps = new ArrayList<>();
        List<String> ratingTexts = new ArrayList<>();
        List<Double> ratingStamps = new ArrayList<>();
        List<float[]> eegSamples = new ArrayList<>();
        List<Double> eegStamps = new ArrayList<>();
        double start;
        try (Simulator sim = Simulator.start(options)) {
            start = sim.start();
            // subscribed within the 4-s pause before the first track: a marker is only sent to inlets open by then
            List<StreamInfo> found = Resolver.byPredicate("starts-with(source_id,'frisson-sim-" + session + "-')", 8, 10);
            try (Inlet player = Inlet.open(pick(found, "Player"));
                 Inlet ratings = Inlet.open(pick(found, "Ratings"));
                 Inlet eeg = Inlet.open(pick(found, "EEG"))) {
                player.openStream(5);
                ratings.openStream(5);
                eeg.openStream(5);
                assertEquals("PlaybackMarkers", player.info().type());
                assertEquals("Ratings", ratings.info().type());
                String[] text = new String[8];
                double[] stamps = new double[128];
                float[] values = new float[128 * 32];
                long deadline = System.nanoTime() + 60_000_000_000L;
                while ((playerTexts.size() < 4 || ratingTexts.size() < 2) && System.nanoTime() < deadline) {
                    int n = player.pullAvailable(text, stamps, 0.05);
                    for (int i = 0; i < n; i++) {
                        playerTexts.add(text[i]);
                        playerStamps.add(stamps[i]);
                    }
                    n = ratings.pullAvailable(text, stamps, 0.05);
                    for (int i = 0; i < n; i++) {
                        ratingTexts.add(text[i]);
                        ratingStamps.add(stamps[i]);
                    }
                    n = eeg.pull(values, stamps, 0.0);
                    for (int i = 0; i < n; i++) {
                        eegSamples.add(java.util.Arrays.copyOfRange(values, i * 32, (i + 1) * 32));
                        eegStamps.add(stamps[i]);
                    }
                }
            } finally {
                found.forEach(StreamInfo::close);
            }
        }
        JsonNode truth = new ObjectMapper().readTree(truthFile.toFile());
        assertEquals(start, truth.get("start").asDouble(), 0);
        JsonNode tracks = truth.get("tracks");
        assertEquals(List.of("track_start cal-01", "track_stop", "track_start cal-02", "track_stop"), playerTexts);
        assertEquals(2, ratingTexts.size(), "ratings received: " + ratingTexts);
        for (int k = 0; k < 2; k++) {
            JsonNode t = tracks.get(k);
            assertEquals(t.get("start").asDouble(), playerStamps.get(2 * k), 1e-9);
            assertEquals(t.get("end").asDouble(), playerStamps.get(2 * k + 1), 1e-9);
            assertEquals(t.get("rating").get("marker").asText(), ratingTexts.get(k));
            assertEquals(t.get("rating").get("at").asDouble(), ratingStamps.get(k), 1e-9);
        }

        // the same options written to a file: the live EEG samples are the file's, at the same session times
        SessionOptions same = SessionOptions.calibration(2, 4, 5, null, session);
        XdfFile file = XdfReader.read(SessionFile.write(same, dir.resolve("same.xdf"), false).file(),
                XdfReader.Options.raw());
        XdfStream eeg = file.stream("EEG").orElseThrow();
        assertTrue(eegSamples.size() > 128 * 10, "EEG samples received: " + eegSamples.size());
        for (int i = 0; i < eegSamples.size(); i++) {
            double sessionTime = eegStamps.get(i) - start;
            int k = (int) Math.round(sessionTime * 128);
            assertEquals(eeg.stamps()[k] - SessionFile.START, sessionTime, 1e-6);
            for (int c = 0; c < 32; c++) {
                assertEquals(eeg.value(k, c), eegSamples.get(i)[c], 0, "EEG sample " + k + ", channel " + c);
            }
        }
    }

    private static StreamInfo pick(List<StreamInfo> found, String name) {
        return found.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no stream '" + name + "' among " + found));
    }
}
