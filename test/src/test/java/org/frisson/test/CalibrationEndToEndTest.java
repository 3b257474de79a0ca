package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.app.Frisson;
import org.frisson.calibration.ProfileFiles;
import org.frisson.calibration.SubjectProfile;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A calibration on the simulator, accelerated: the simulator writes a calibration block (8 tracks of 30 s
 * with planted valence and arousal, the listener's ratings, EEG, skin conductance, PPG, slider, the music)
 * straight into an XDF file as fast as the CPU allows; {@code frisson calibrate --from} fits the profile;
 * {@code frisson offline --profile} runs the listener's readouts over the recording; a profile made for other
 * channels or another model is refused naming the difference.
 */
class CalibrationEndToEndTest {

    @TempDir
    static Path dir;
    static Path recording;
    static Path profile;
    static String fitLog;

    static Path home() {
        return Path.of(System.getProperty("frisson.home", "..")).toAbsolutePath().normalize();
    }

    /** Runs a command in this JVM; returns exit code and everything printed. */
    static Object[] frisson(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Frisson.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Object[] {code, out + err.toString()};
    }

    @BeforeAll
    static void calibrate() throws Exception {
        recording = dir.resolve("block.xdf");
        Object[] sim = frisson("simulate", "recording", "calibration", recording.toString(), "--tracks", "8",
                "--track-seconds", "30", "--seed", "3");
        assertEquals(0, sim[0], String.valueOf(sim[1]));
        profile = dir.resolve("profiles/sim");
        Object[] fit = frisson("calibrate", "--config", home().resolve("configs/calibration.yaml").toString(),
                "--subject", "sim", "--out", profile.toString(), "--from", recording.toString(), "--permutations", "50");
        fitLog = String.valueOf(fit[1]);
        assertEquals(0, fit[0], fitLog);
    }

    @Test
    void theProfileHoldsReadoutsAndALayerProfile() throws Exception {
        for (String f : List.of(ProfileFiles.MANIFEST, ProfileFiles.READOUTS, ProfileFiles.ENCODING, ProfileFiles.TABLE,
                ProfileFiles.FIGURE)) {
            assertTrue(Files.size(profile.resolve(f)) > 0, f + "\n" + fitLog);
        }
        SubjectProfile p = ProfileFiles.read(profile);
        assertEquals("sim", p.subject());
        assertEquals(8, p.tracks().size());
        assertEquals(160, p.eegFeatures().size());
        assertTrue(p.model("emotion_eeg") != null && p.model("embedding") != null, "models with hashes: " + p.models());
        // the simulated listener's EEG carries each track's arousal and valence: the readouts find them
        SubjectProfile.Readout arousal = p.readouts().get("arousal");
        SubjectProfile.Readout valence = p.readouts().get("valence");
        System.out.println(fitLog);
        assertTrue(arousal.score().track().value() >= 0.75, "arousal: " + arousal.score());
        assertTrue(valence.score().window().value() > 0.5, "valence: " + valence.score());
        // every layer of MusiCNN and the acoustic baseline, for skin conductance, heart rate, slider and EEG regions
        List<String> layers = p.encoding().layers();
        assertTrue(layers.containsAll(List.of("descriptors", "timbral", "temporal", "cnn1", "cnn2", "cnn3", "mean_pool",
                "max_pool", "penultimate", "taggram")), "layers " + layers);
        List<String> responses = p.encoding().responses();
        assertTrue(responses.contains("GSR.phasic") && responses.contains("PPG.heart_rate")
                && responses.contains("Rating.emotionality") && responses.contains("eeg.occipital.alpha"), "responses " + responses);
        String csv = Files.readString(profile.resolve(ProfileFiles.TABLE));
        assertTrue(csv.lines().count() > layers.size() * responses.size(), csv);
        // seed 001's retrieval in the common space, EEG windows querying the music windows
        assertEquals(List.of("track", "valence", "arousal"), List.copyOf(p.retrieval().keySet()), fitLog);
        for (var e : p.retrieval().entrySet()) {
            var r = e.getValue();
            assertEquals(10, r.k());
            assertTrue(r.queries() > 100, e.getKey() + ": " + r);
            assertTrue(r.precisionAtK() >= 0 && r.precisionAtK() <= 1 && r.meanAveragePrecision() > 0
                    && r.meanAveragePrecision() <= 1 && r.chance() > 0 && r.chance() < 1, e.getKey() + ": " + r);
        }
        assertEquals(1.0 / 8, p.retrieval().get("track").chance(), 0.05, "eight tracks of about equal length");
    }

    @Test
    void offlineWithTheProfileGivesTheListenersReadouts() throws Exception {
        Path out = dir.resolve("offline");
        Object[] run = frisson("offline", recording.toString(), "--config",
                home().resolve("configs/calibration.yaml").toString(), "--out", out.toString(), "--profile", profile.toString());
        assertEquals(0, run[0], String.valueOf(run[1]));
        List<String> lines = Files.readAllLines(out.resolve("frisson.emotion.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int v = header.indexOf("subject.valence");
        int latent0 = header.indexOf("eeg.latent.0");
        assertTrue(v > 0 && latent0 > 0, "header " + header);
        SubjectProfile p = ProfileFiles.read(profile);
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[v].equals("NaN") || f[v].isEmpty()) {
                continue;
            }
            double[] z = new double[32];
            for (int i = 0; i < 32; i++) {
                z[i] = Double.parseDouble(f[latent0 + i]);
            }
            double expected = p.readouts().get("valence").model().probability(z);
            assertEquals(expected, Double.parseDouble(f[v]), 1e-6, "subject.valence at " + f[0]);
            checked++;
        }
        assertTrue(checked > 500, "checked " + checked);
        // the readouts say whose they are, in the recorded outputs' provenance (and so on the dashboards)
        String emotion = org.frisson.xdf.XdfReader.read(out.resolve("outputs.xdf"), org.frisson.xdf.XdfReader.Options.raw())
                .stream("frisson.emotion").orElseThrow().headerXml();
        assertTrue(emotion.contains("subject profile " + p.subject() + ": subject.valence and subject.arousal are this"
                + " listener's own readouts"), emotion);
    }

    @Test
    void aProfileForOtherChannelsOrAnotherModelIsRefused() throws Exception {
        Path other = dir.resolve("profiles/other-channels");
        copy(profile, other);
        Path manifest = other.resolve(ProfileFiles.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"Fp1/delta\"", "\"Fpz/delta\""));
        Object[] run = frisson("offline", recording.toString(), "--config",
                home().resolve("configs/calibration.yaml").toString(), "--out", dir.resolve("o1").toString(), "--profile",
                other.toString());
        assertEquals(2, run[0], String.valueOf(run[1]));
        assertTrue(String.valueOf(run[1]).contains("'Fpz/delta' vs 'Fp1/delta'"), String.valueOf(run[1]));

        Path model = dir.resolve("profiles/other-model");
        copy(profile, model);
        manifest = model.resolve(ProfileFiles.MANIFEST);
        JsonNode m = new ObjectMapper().readTree(manifest.toFile());
        String sha = m.path("models").get(0).path("sha256").asText();
        Files.writeString(manifest, Files.readString(manifest).replace(sha, "0".repeat(64)));
        run = frisson("offline", recording.toString(), "--config", home().resolve("configs/calibration.yaml").toString(),
                "--out", dir.resolve("o2").toString(), "--profile", model.toString());
        assertEquals(2, run[0], String.valueOf(run[1]));
        assertTrue(String.valueOf(run[1]).contains("was fitted with the EEG emotion model")
                && String.valueOf(run[1]).contains("000000000000"), String.valueOf(run[1]));
    }

    @Test
    void theRecordingHoldsTracksAndRatings() throws Exception {
        XdfFile xdf = XdfReader.read(recording, XdfReader.Options.raw());
        List<String> ratings = new ArrayList<>();
        for (XdfStream s : xdf.streams()) {
            if (s.type().equals("Ratings")) {
                for (int i = 0; i < s.sampleCount(); i++) {
                    ratings.add(s.text(i, 0));
                }
            }
        }
        assertEquals(8, ratings.size(), "ratings " + ratings);
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
