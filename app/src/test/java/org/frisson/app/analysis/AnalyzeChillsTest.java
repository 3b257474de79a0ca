package org.frisson.app.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.app.Frisson;
import org.frisson.lsl.ChannelFormat;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfRecorder;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code frisson analyze chills} on a simulated concert of 12 listeners (5 min): the simulator raises skin
 * conductance 0.5-1.5 s after each chill starts and heart rate by 6 bpm while it lasts, and each listener presses the
 * button 0.3-0.8 s in; the analysis must find both responses after the presses (planted). The same recording with
 * every press moved to a random moment of the music must show neither (null). This shows the planted structure is
 * recovered, nothing about people.
 */
class AnalyzeChillsTest {

    @TempDir
    static Path dir;
    static Path concert;

    @BeforeAll
    static void simulate() {
        concert = dir.resolve("concert.xdf");
        assertEquals(0, Frisson.run("simulate", "recording", "concert", "--participants", "12", "--duration", "300",
                concert.toString()));
    }

    private static JsonNode analyze(Path rec, String name) throws Exception {
        Path out = dir.resolve(name);
        assertEquals(0, Frisson.run("analyze", "chills", rec.toString(), "--out", out.toString(),
                "--permutations", "2000"));
        assertTrue(Files.size(out.resolve(AnalyzeChillsCommand.SKIN_PNG)) > 10_000);
        assertTrue(Files.size(out.resolve(AnalyzeChillsCommand.HEART_PNG)) > 10_000);
        return new ObjectMapper().readTree(out.resolve(AnalyzeChillsCommand.JSON).toFile());
    }

    @Test
    void skinConductanceAndHeartRateRiseAfterThePresses() throws Exception {
        JsonNode r = analyze(concert, "planted");
        System.out.println("[chills] planted: " + r.get("skin_conductance") + " " + r.get("heart_rate"));
        assertEquals(12, r.get("listeners").asInt());
        for (JsonNode pair : r.get("pairing")) {
            String id = pair.get("chills").asText().replaceAll(".*-(P\\d+)$", "$1");
            assertTrue(pair.get("skin_conductance").asText().endsWith(id), pair.toString());
            assertTrue(pair.get("ppg").asText().endsWith(id), pair.toString());
        }
        JsonNode sc = r.get("skin_conductance");
        JsonNode hr = r.get("heart_rate");
        assertTrue(sc.get("chill_epochs").asInt() >= 30, sc.toString());
        assertTrue(sc.get("p_one_sided").asDouble() < 0.01, sc.toString());
        assertTrue(sc.get("chill_post_onset_mean").asDouble() - sc.get("random_post_onset_mean").asDouble() > 0.5,
                "skin conductance after presses, z above random: " + sc);
        assertTrue(hr.get("p_one_sided").asDouble() < 0.01, hr.toString());
        // 6 bpm planted for the 3-7 s a chill lasts, averaged over the 6 s after the press
        double rise = hr.get("chill_post_onset_mean").asDouble() - hr.get("random_post_onset_mean").asDouble();
        assertTrue(rise > 2.5 && rise < 9, "heart rate after presses, bpm above random: " + rise);
    }

    @Test
    void pressesAtRandomMomentsShowNoResponse() throws Exception {
        Path moved = dir.resolve("moved.xdf");
        XdfFile rec = XdfReader.read(concert, XdfReader.Options.raw());
        double[] music = Recordings.musicSpan(rec);
        SplittableRandom random = new SplittableRandom(11);
        try (XdfRecorder out = XdfRecorder.create(moved)) {
            for (XdfStream s : rec.streams()) {
                if ("Audio".equals(s.type())) { // the music's span is all the analysis reads of it
                    int id = out.addStream(s.headerXml());
                    out.append(id, new float[]{0, 0}, new double[]{music[0], music[1]}, 2);
                } else if (s.format() == ChannelFormat.STRING) {
                    int id = out.addStream(s.headerXml());
                    for (int i = 0; i < s.sampleCount(); i++) {
                        if (s.text(i, 0).equals("chill_on")) {
                            double t = music[0] + 10 + (music[1] - music[0] - 20) * random.nextDouble();
                            out.append(id, new String[]{"chill_on"}, new double[]{t}, 1);
                        }
                    }
                } else if (s.format() == ChannelFormat.FLOAT32) {
                    int id = out.addStream(s.headerXml());
                    out.append(id, (float[]) s.values(), s.stamps(), s.sampleCount());
                }
            }
        }
        JsonNode r = analyze(moved, "moved");
        System.out.println("[chills] moved: " + r.get("skin_conductance") + " " + r.get("heart_rate"));
        assertTrue(r.get("presses").asInt() >= 30, r.toString());
        assertTrue(r.get("skin_conductance").get("p_one_sided").asDouble() > 0.05, r.get("skin_conductance").toString());
        assertTrue(r.get("heart_rate").get("p_one_sided").asDouble() > 0.05, r.get("heart_rate").toString());
    }
}
