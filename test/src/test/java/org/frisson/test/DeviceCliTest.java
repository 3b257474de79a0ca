package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code frisson device --board synthetic} (BrainFlow's synthetic board through our binding) read by pylsl:
 * the streams carry their labels and units, and every sample arrives once, in order, at the board's rate.
 */
class DeviceCliTest {

    /** Four seconds of the synthetic board's 250 Hz. */
    private static final int SAMPLES = 1000;
    private static final double RATE = 250;

    @Test
    void syntheticBoardReachesPylslWithLabelsUnitsAndEverySample() throws Exception {
        // the serial number keeps this run's streams apart from any other synthetic board on the network
        String serial = "cli" + ProcessHandle.current().pid();
        String ids = "brainflow-synthetic-" + serial + "-";
        try (FrissonChild frisson = FrissonChild.start("device", "--board", "synthetic", "--serial-number", serial,
                "--report", "2")) {
            frisson.awaitLog("source_id=" + ids + "markers", Duration.ofSeconds(60));
            try (Peer device = Peer.start("inlet_peer.py", List.of("--source-id", ids + "device",
                    "--count", Integer.toString(SAMPLES), "--timeout", "30"));
                 Peer eeg = Peer.start("inlet_peer.py", List.of("--source-id", ids + "eeg",
                         "--count", Integer.toString(SAMPLES), "--timeout", "30"));
                 Peer eda = Peer.start("inlet_peer.py", List.of("--source-id", ids + "eda",
                         "--count", "10", "--timeout", "30"))) {
                device.awaitReady(Duration.ofSeconds(60));
                eeg.awaitReady(Duration.ofSeconds(60));
                eda.awaitReady(Duration.ofSeconds(60));
                JsonNode d = device.nextJson(Duration.ofSeconds(90));
                JsonNode e = eeg.nextJson(Duration.ofSeconds(90));
                JsonNode g = eda.nextJson(Duration.ofSeconds(90));
                assertTrue(d.path("complete").asBoolean(), device.describe("not every sample"));
                assertTrue(e.path("complete").asBoolean(), eeg.describe("not every sample"));

                assertEquals("EEG", e.path("name").asText().split(" ")[1]);
                assertEquals(16, e.path("channel_count").asInt());
                assertEquals(RATE, e.path("nominal_srate").asDouble());
                assertEquals(List.of("Fz", "C3", "Cz", "C4"), strings(e.path("labels")).subList(0, 4));
                assertEquals(List.of("microvolts"), strings(e.path("units")).stream().distinct().toList());
                assertEquals(List.of("EDA"), strings(g.path("labels")));
                assertEquals(List.of("microsiemens"), strings(g.path("units")));
                assertEquals(List.of("package", "battery", "board_time"), strings(d.path("labels")));

                // every sample once and in order: the package counter steps by one (mod 256)
                JsonNode values = d.path("values");
                for (int i = 1; i < values.size(); i++) {
                    assertEquals((values.get(i - 1).get(0).asInt() + 1) % 256, values.get(i).get(0).asInt(),
                            "package number after sample " + (i - 1));
                }
                // stamped at the board's rate: the samples span (count - 1) periods within 2 %
                JsonNode stamps = d.path("stamps");
                double span = stamps.get(stamps.size() - 1).asDouble() - stamps.get(0).asDouble();
                assertEquals((SAMPLES - 1) / RATE, span, 0.02 * (SAMPLES - 1) / RATE, "seconds spanned by " + SAMPLES + " samples");
                for (int i = 1; i < stamps.size(); i++) {
                    assertTrue(stamps.get(i).asDouble() >= stamps.get(i - 1).asDouble(), "stamps in order at " + i);
                }
            }
            assertEquals(0, frisson.stop(), frisson.log());
            String log = frisson.log();
            assertTrue(log.contains("done synthetic-" + serial + ": "), log);
            assertTrue(log.contains(" 0 packages dropped (0 gaps)"), log);
            assertTrue(log.contains("device stopped"), log);
        }
    }

    @Test
    void durationEndsItAndAnUnknownBoardIsNamed() throws Exception {
        java.nio.file.Path raw = java.nio.file.Files.createTempFile("synthetic-raw", ".csv");
        try (FrissonChild frisson = FrissonChild.start("device", "--board", "synthetic", "--duration", "2",
                "--save", raw.toString())) {
            assertEquals(0, frisson.awaitExit(Duration.ofSeconds(60)), frisson.log());
            assertTrue(frisson.log().contains("done synthetic: "), frisson.log());
            assertTrue(frisson.log().contains("battery ") && frisson.log().contains("EEG signal quality 100 %"),
                    frisson.log());
        }
        // BrainFlow's own file of what the board sent: one line per sample, all 32 rows of the synthetic board
        List<String> lines = java.nio.file.Files.readAllLines(raw);
        assertTrue(lines.size() >= 250, lines.size() + " lines in " + raw);
        assertEquals(32, lines.get(0).split("\t").length, lines.get(0));
        try (FrissonChild frisson = FrissonChild.start("device", "--board", "cytom")) {
            assertEquals(2, frisson.awaitExit(Duration.ofSeconds(60)), frisson.log());
            assertTrue(frisson.log().contains("unknown board 'cytom'; Frisson knows: synthetic, playback, cyton"),
                    frisson.log());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
