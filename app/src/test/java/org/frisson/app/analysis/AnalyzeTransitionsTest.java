package org.frisson.app.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.app.Frisson;
import org.frisson.sim.ListenerPlan;
import org.frisson.sim.MusicScore;
import org.frisson.sim.SkinConductanceModel;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.xdf.XdfRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code frisson analyze transitions} on a recording built from the simulator's own skin conductance model
 * (responses 1-3 s after each section change) for three passes of the demo piece, with the transitions
 * marked where the piece changes section: the rise after transitions is found (p < 0.05), the files are
 * written, and a recording without transitions is refused with the way to get them.
 */
class AnalyzeTransitionsTest {

    static final double T0 = 5000;
    static final double RATE = 32;
    static final int PASSES = 3;

    /** A GSR stream and, unless {@code markersElsewhere}, the transitions in the same file. */
    static void record(Path file, Path markersFile, long seed) throws Exception {
        MusicScore score = MusicScore.demoPiece();
        ListenerPlan plan = ListenerPlan.plan(score, seed);
        SkinConductanceModel gsr = new SkinConductanceModel(plan, score.length(), seed + 1);
        try (XdfRecorder rec = XdfRecorder.create(file);
             StreamInfo info = StreamInfo.builder("GSR", "GSR").channelCount(1).rate(RATE)
                     .format(ChannelFormat.FLOAT32).sourceId("gsr").channel("GSR", "microsiemens", "GSR").build()) {
            int id = rec.addStream(info);
            rec.clockOffset(id, T0, 0.0);
            int n = (int) (PASSES * score.length() * RATE);
            double[] v = new double[1];
            float[] one = new float[1];
            double[] stamp = new double[1];
            for (int i = 0; i < n; i++) {
                gsr.sample(i / RATE, v, 0);
                one[0] = (float) v[0];
                stamp[0] = T0 + i / RATE;
                rec.append(id, one, stamp, 1);
            }
            XdfRecorder markers = markersFile == null ? rec : XdfRecorder.create(markersFile);
            try (StreamInfo m = StreamInfo.builder("frisson.transitions", "Markers").channelCount(1).rate(0)
                    .format(ChannelFormat.STRING).sourceId("frisson.transitions").channel("marker", "", "Markers").build()) {
                int mid = markers.addStream(m);
                markers.clockOffset(mid, T0, 0.0);
                String[] text = {"transition strength=30.00"};
                for (int pass = 0; pass < PASSES; pass++) {
                    for (double b : score.transitions()) {
                        // a detector's estimate is off by a few tenths of a second
                        stamp[0] = T0 + pass * score.length() + b + 0.3 * Math.sin(b);
                        markers.append(mid, text, stamp, 1);
                    }
                }
            } finally {
                if (markers != rec) {
                    markers.close();
                }
            }
        }
    }

    static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Frisson.run(args);
            return new String[]{String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void skinConductanceRisesAfterTransitions(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("session.xdf");
        record(rec, null, 11);
        Path out = dir.resolve("analysis");
        String[] r = run("analyze", "transitions", rec.toString(), "--out", out.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        System.out.print(r[1]);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("transition_response.json").toFile());
        assertEquals(15, summary.get("transition_epochs").asInt());
        assertEquals(15, summary.get("random_epochs").asInt());
        assertTrue(summary.get("transition_post_onset_mean").asDouble() > summary.get("random_post_onset_mean").asDouble());
        assertTrue(summary.get("p_one_sided").asDouble() < 0.05, "p " + summary.get("p_one_sided"));

        List<String> rows = Files.readAllLines(out.resolve("transition_response.csv"));
        assertEquals("time,transition_mean,transition_se,random_mean,random_se", rows.get(0));
        assertEquals(161 + 1, rows.size(), "-2..6 s every 0.05 s");
        // baseline subtracted: the curves average 0 before the onset; the transition curve peaks 2-5 s after
        double baseline = 0;
        double peak = Double.NEGATIVE_INFINITY;
        double peakAt = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            double t = Double.parseDouble(f[0]);
            double m = Double.parseDouble(f[1]);
            if (t < 0) {
                baseline += m / 40;
            }
            if (m > peak) {
                peak = m;
                peakAt = t;
            }
        }
        assertEquals(0, baseline, 1e-9);
        assertTrue(peakAt > 2 && peakAt < 5.5, "peak at " + peakAt);

        BufferedImage png = ImageIO.read(out.resolve("transition_response.png").toFile());
        assertEquals(Figure.WIDTH, png.getWidth());
        assertEquals(Figure.HEIGHT, png.getHeight());
        assertTrue(colours(png) > 20, "a drawing, not a blank image");
    }

    @Test
    void transitionsFromAnotherFileAndClearErrorsWithout(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("inputs.xdf");
        Path outputs = dir.resolve("outputs.xdf");
        record(rec, outputs, 12);
        String[] missing = run("analyze", "transitions", rec.toString(), "--out", dir.resolve("a").toString());
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains("has no 'frisson.transitions' stream") && missing[2].contains("frisson offline")
                && missing[2].contains("--transitions DIR/outputs.xdf"), missing[2]);
        String[] ok = run("analyze", "transitions", rec.toString(), "--transitions", outputs.toString(), "--out",
                dir.resolve("b").toString());
        assertEquals("0", ok[0], ok[1] + ok[2]);
        assertTrue(ok[1].contains("transitions: 15 from 'frisson.transitions' in " + outputs), ok[1]);
        String[] noSkin = run("analyze", "transitions", outputs.toString(), "--out", dir.resolve("c").toString());
        assertEquals("2", noSkin[0]);
        assertTrue(noSkin[2].contains("no skin conductance stream (type GSR or EDA)"), noSkin[2]);
        String[] noFile = run("analyze", "transitions", dir.resolve("nope.xdf").toString(), "--out", dir.toString());
        assertTrue(noFile[2].contains("nope.xdf: no such file"), noFile[2]);
    }

    private static int colours(BufferedImage img) {
        List<Integer> seen = new ArrayList<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                int c = img.getRGB(x, y);
                if (!seen.contains(c)) {
                    seen.add(c);
                }
            }
        }
        return seen.size();
    }
}
