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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code frisson analyze synchrony} on a simulated concert of 8 listeners (4 min), whose skin conductance and heart
 * rate respond to the same music (planted: shared responses must be found), and on the same recording with each
 * listener's signals circularly shifted by their own offset (nothing shared: the ISC must fall to the null).
 * This shows the planted structure is recovered, nothing about people.
 */
class AnalyzeSynchronyTest {

    @TempDir
    static Path dir;
    static Path concert;

    @BeforeAll
    static void simulate() {
        concert = dir.resolve("concert.xdf");
        assertEquals(0, Frisson.run("simulate", "recording", "concert", "--participants", "8", "--duration", "240",
                concert.toString()));
    }

    private static JsonNode analyze(Path rec, String name) throws Exception {
        Path out = dir.resolve(name);
        assertEquals(0, Frisson.run("analyze", "synchrony", rec.toString(), "--out", out.toString(), "--shifts", "400"));
        assertTrue(Files.size(out.resolve(AnalyzeSynchronyCommand.PNG)) > 10_000);
        assertTrue(Files.readAllLines(out.resolve(AnalyzeSynchronyCommand.CSV)).size() > 400);
        return new ObjectMapper().readTree(out.resolve(AnalyzeSynchronyCommand.JSON).toFile());
    }

    /**
     * Seconds each listener's signals are rotated by: all different modulo the simulated piece's 96 s (it repeats, so
     * offsets a piece apart would line the music up again) and irregular (so no two listeners' sections coincide).
     */
    private static final double[] OFFSETS = {0, 7, 19, 31, 46, 58, 71, 85};

    /** The recording with every GSR and PPG stream rotated by its listener's offset, and section markers at given times. */
    private static Path rewritten(String name, boolean shift, double... sectionsAt) throws Exception {
        Path moved = dir.resolve(name);
        XdfFile rec = XdfReader.read(concert, XdfReader.Options.raw());
        try (XdfRecorder out = XdfRecorder.create(moved)) {
            for (XdfStream s : rec.streams()) {
                if (s.format() != ChannelFormat.FLOAT32 || "Audio".equals(s.type())) {
                    continue;
                }
                int id = out.addStream(s.headerXml());
                float[] v = (float[]) s.values();
                int n = s.sampleCount();
                float[] rotated = new float[n];
                int listener = Integer.parseInt(s.name().replaceAll(".*-P0*(\\d+)$", "$1")) - 1;
                int by = shift ? (int) Math.round(OFFSETS[listener] * s.nominalRate()) : 0;
                for (int i = 0; i < n; i++) {
                    rotated[(i + by) % n] = v[i];
                }
                out.append(id, rotated, s.stamps(), n);
            }
            if (sectionsAt.length > 0) {
                int id = out.addStream("<?xml version=\"1.0\"?><info><name>Sections</name><type>Markers</type>"
                        + "<channel_count>1</channel_count><nominal_srate>0</nominal_srate>"
                        + "<channel_format>string</channel_format><source_id>sections</source_id></info>");
                for (int k = 0; k < sectionsAt.length; k++) {
                    out.append(id, new String[]{"section " + (k + 1)}, new double[]{sectionsAt[k]}, 1);
                }
            }
        }
        return moved;
    }

    @Test
    void listenersRespondingToTheSameMusicAreFoundInSynchronyPerSectionToo() throws Exception {
        double t0 = XdfReader.read(concert, XdfReader.Options.raw()).streams().stream()
                .filter(s -> "GSR".equals(s.type())).findFirst().orElseThrow().stamps()[0];
        JsonNode r = analyze(rewritten("sections.xdf", false, t0, t0 + 120), "planted");
        System.out.println("[synchrony] planted: " + r);
        for (String kind : new String[]{"skin_conductance", "heart_rate"}) {
            JsonNode k = r.get(kind);
            assertEquals(8, k.get("listeners").size(), kind);
            assertTrue(k.get("mean_isc").asDouble() > 0.3, kind + ": " + k);
            assertTrue(k.get("mean_isc").asDouble() > k.get("null_95th_percentile").asDouble() + 0.1, kind + ": " + k);
            assertTrue(k.get("p").asDouble() < 0.01, kind + ": " + k);
            assertEquals(2, k.get("sections").size(), kind);
            for (JsonNode sec : k.get("sections")) {
                assertTrue(sec.get("windows").asInt() > 50 && sec.get("mean_isc").asDouble() > 0.2, sec.toString());
            }
        }
    }

    @Test
    void listenersShiftedApartShowNoSynchrony() throws Exception {
        JsonNode r = analyze(rewritten("shifted.xdf", true), "shifted");
        System.out.println("[synchrony] shifted: " + r);
        for (String kind : new String[]{"skin_conductance", "heart_rate"}) {
            JsonNode k = r.get(kind);
            assertTrue(Math.abs(k.get("mean_isc").asDouble()) < 0.2, kind + ": " + k);
            assertTrue(k.get("p").asDouble() > 0.05, kind + ": " + k);
        }
    }
}
