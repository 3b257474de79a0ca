package org.frisson.test;

import org.frisson.calibration.ProfileFiles;
import org.frisson.calibration.SubjectProfile;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live calibration block over real LSL, shortened: the simulator (started second, holding its start until
 * Frisson's inlets are there) plays a four-track calibration playlist of 15 s tracks
 * (as an external player: track markers on a PlaybackMarkers stream) with a listener's EEG, skin conductance,
 * PPG, slider and chill button; {@code frisson calibrate} follows the tracks, asks for each track's rating in
 * the terminal (answered on its stdin), records everything, and fits and writes the profile.
 */
class CalibrationLiveTest {

    static final String[] ANSWERS = {"7 3", "2 8", "8 7", "3 2"};

    @Test
    void aBlockFollowedLiveWithTerminalRatingsGivesAProfile(@TempDir Path dir) throws Exception {
        Path home = FrissonChild.home();
        String session = "cal" + ProcessHandle.current().pid();
        String only = " and starts-with(source_id,'frisson-sim-" + session + "')";
        Path config = dir.resolve("calibration.yaml");
        String yaml = Files.readString(home.resolve("configs/calibration.yaml"));
        for (String q : List.of("type='EEG'", "type='GSR' or type='EDA'", "type='PPG'", "type='Audio'",
                "type='PlaybackMarkers'", "type='Markers'", "type='Rating'")) {
            yaml = yaml.replace("query: \"" + q + "\"", "query: \"(" + q + ")" + only + "\"");
        }
        yaml = yaml.replace("name: frisson.features", "name: frisson.features." + session)
                .replace("name: frisson.emotion", "name: frisson.emotion." + session)
                .replace("name: frisson.health", "name: frisson.health." + session);
        Files.writeString(config, yaml);
        Path out = dir.resolve("profiles/live");
        Path log = dir.resolve("calibrate.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfrisson.home=" + home, "-cp", System.getProperty("java.class.path"), "org.frisson.app.Frisson",
                "calibrate", "--config", config.toString(), "--subject", "live", "--out", out.toString(),
                "--tracks", "4", "--ratings", "terminal", "--permutations", "20", "--duration", "200",
                "--no-dashboard"));
        // the experimenter starts Frisson, then the player: the block is followed from its first track on
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (FrissonChild sim = FrissonChild.start("simulate", "session", "calibration", "--tracks", "4",
                "--track-seconds", "15", "--seed", "5", "--session", session, "--wait", "15")) {
            try (Writer stdin = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                stdin.write("nine nine\n"); // refused, asked again
                for (String a : ANSWERS) {
                    stdin.write(a + "\n");
                }
            }
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "calibrate did not finish:\n" + Files.readString(log));
            String printed = Files.readString(log);
            assertEquals(0, p.exitValue(), printed);
            assertTrue(printed.contains("rate 'cal-01'") && printed.contains("must be numbers, got 'nine nine'"), printed);
        } finally {
            p.destroyForcibly();
        }
        SubjectProfile profile = ProfileFiles.read(out);
        assertEquals(4, profile.tracks().size(), profile.tracks().toString());
        for (int k = 0; k < 4; k++) {
            String[] a = ANSWERS[k].split(" ");
            assertEquals(Double.parseDouble(a[0]), profile.tracks().get(k).valence(), profile.tracks().get(k).toString());
            assertEquals(Double.parseDouble(a[1]), profile.tracks().get(k).arousal(), profile.tracks().get(k).toString());
        }
        XdfFile xdf = XdfReader.read(out.resolve("calibration.xdf"), XdfReader.Options.raw());
        XdfStream ratings = xdf.stream("frisson.ratings").orElseThrow(() -> new AssertionError("no frisson.ratings recorded"));
        assertEquals(4, ratings.sampleCount());
        assertTrue(xdf.streams().stream().anyMatch(s -> s.type().equals("Audio")), "the music is recorded");
        assertTrue(profile.encoding().layers().contains("penultimate"), profile.encoding().layers().toString());
    }
}
