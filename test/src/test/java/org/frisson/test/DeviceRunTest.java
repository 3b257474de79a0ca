package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code frisson run} on a config whose inputs name a device ({@code configs/device-synthetic.yaml}: BrainFlow's
 * synthetic board), with no other program running: Frisson opens the board itself, its streams appear on LSL,
 * and a pylsl reader gets finite DE features and phasic skin conductance computed from them.
 */
class DeviceRunTest {

    @Test
    void aConfigThatNamesABoardProducesFeaturesWithNoOtherProgram() throws Exception {
        String tag = "run" + ProcessHandle.current().pid();
        String board = "synthetic-" + tag;
        // this run's own serial number and output names, so that parallel runs do not mix
        String text = Files.readString(FrissonChild.home().resolve("configs/device-synthetic.yaml"))
                .replace("{board: synthetic,", "{board: synthetic, serial_number: " + tag + ",")
                .replace("name: frisson.features,", "name: frisson.features." + tag + ",")
                .replace("name: frisson.health,", "name: frisson.health." + tag + ",");
        Path config = Files.createTempFile("device-run", ".yaml");
        Files.writeString(config, text);
        try (FrissonChild run = FrissonChild.start("run", "--config", config.toString(), "--duration", "60",
                "--no-dashboard");
             Peer features = Peer.start("prediction_peer.py", List.of("--name", "frisson.features." + tag,
                     "--channel", "synthetic EEG.Fz/alpha", "--channel", "synthetic EDA.phasic", "--timeout", "90"));
             Peer health = Peer.start("prediction_peer.py", List.of("--name", "frisson.health." + tag,
                     "--channel", board + ".connected", "--channel", board + ".battery",
                     "--channel", board + ".signal_quality", "--channel", board + ".dropped_packets",
                     "--channel", board + ".reconnects", "--timeout", "90"))) {
            features.awaitReady(Duration.ofSeconds(90));
            health.awaitReady(Duration.ofSeconds(90));
            JsonNode f = features.nextJson(Duration.ofSeconds(120));
            for (String ch : List.of("synthetic EEG.Fz/alpha", "synthetic EDA.phasic")) {
                assertFalse(f.get("first_finite").get(ch).isNull(), ch + " never finite; log:\n" + run.log());
            }
            assertEquals("microsiemens", f.get("units").get("synthetic EDA.phasic").asText());
            // the board's health on frisson.health: streaming, its battery, all 16 EEG channels within range
            JsonNode h = health.nextJson(Duration.ofSeconds(120));
            JsonNode first = h.get("first_finite");
            assertEquals(1.0, first.get(board + ".connected").get("value").asDouble(), h.toString());
            double battery = first.get(board + ".battery").get("value").asDouble();
            assertTrue(battery > 0 && battery <= 100, h.toString());
            assertEquals(1.0, first.get(board + ".signal_quality").get("value").asDouble(), h.toString());
            assertEquals(0.0, first.get(board + ".dropped_packets").get("value").asDouble(), h.toString());
            assertEquals(0.0, first.get(board + ".reconnects").get("value").asDouble(), h.toString());
            assertEquals("percent", h.get("units").get(board + ".battery").asText());
            assertEquals("fraction", h.get("units").get(board + ".signal_quality").asText());
            String log = run.log();
            assertTrue(log.contains("device synthetic opened"), log);
            assertTrue(log.contains("brainflow-synthetic-" + tag + "-eeg"), log);
            assertEquals(0, run.stop(), run.log());
            assertTrue(run.log().contains(" 0 packages dropped"), run.log());
        }
    }

    /**
     * A board that goes silent mid-session: a recording BrainFlow wrote of the synthetic board ({@code device
     * --save}), replayed by its playback board as a config's input. When the file ends the board falls silent;
     * the run opens it again, says so, counts it on the board's health, and goes on to a clean exit.
     */
    @Test
    void aPlaybackBoardThatFallsSilentIsOpenedAgainAndTheRunGoesOn() throws Exception {
        Path raw = Files.createTempFile("synthetic-raw", ".csv");
        try (FrissonChild save = FrissonChild.start("device", "--board", "synthetic", "--serial-number",
                "save" + ProcessHandle.current().pid(), "--duration", "2", "--save", raw.toString())) {
            assertEquals(0, save.awaitExit(Duration.ofSeconds(60)), save.log());
        }
        String tag = "replay" + ProcessHandle.current().pid();
        Path config = Files.createTempFile("device-replay", ".yaml");
        Files.writeString(config, "pipeline: {hop: 0.25, resolve_seconds: 10}\n"
                + "inputs:\n  eeg: {board: playback, file: \"" + raw + "\", master_board: synthetic, serial_number: "
                + tag + ", reconnect_after: 1.0, timeout: 1.0}\n"
                + "stages:\n  - {name: eeg_de, kind: differential_entropy, input: eeg, window: 1.0}\n"
                + "outputs:\n  features: {name: frisson.features." + tag + ", type: Features}\n"
                + "  health: {name: frisson.health." + tag + ", type: Health}\n");
        try (FrissonChild run = FrissonChild.start("run", "--config", config.toString(), "--duration", "60",
                "--no-dashboard")) {
            String board = "playback-" + tag;
            await("the board opened again").atMost(Duration.ofSeconds(90))
                    .until(() -> run.log().contains("device " + board + ": back after "));
            String log = run.log();
            assertTrue(log.contains("device " + board + ": no data for 1.0 s; opening it again"), log);
            assertEquals(0, run.stop(), run.log());
            assertTrue(run.log().matches("(?s).*done " + board + ": .*reconnected \\d+ times?.*"), run.log());
        }
    }

    @Test
    void aBoardWithoutTheSignalAnInputWantsIsNamed() throws Exception {
        Path config = Files.createTempFile("device-run", ".yaml");
        Files.writeString(config, "inputs:\n  eeg: {board: synthetic, signal: ecg}\n"
                + "stages:\n  - {name: de, kind: differential_entropy, input: eeg}\n");
        try (FrissonChild run = FrissonChild.start("run", "--config", config.toString(), "--no-dashboard")) {
            assertEquals(2, run.awaitExit(Duration.ofSeconds(60)), run.log());
            assertTrue(run.log().contains("inputs.eeg: board 'synthetic' has no ecg signal (it publishes [eeg, eda,"),
                    run.log());
        }
    }
}
