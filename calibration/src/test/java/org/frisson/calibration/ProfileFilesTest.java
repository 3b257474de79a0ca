package org.frisson.calibration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A profile written and read back predicts bit for bit what the fitted one did; damaged files are named. */
class ProfileFilesTest {

    @TempDir
    Path dir;

    /** A small fitted profile: readouts on random features with a planted class difference, a fitted layer profile. */
    static SubjectProfile fitted() {
        SplittableRandom r = new SplittableRandom(7);
        int tracks = 6;
        int perTrack = 20;
        double[][] x = new double[tracks * perTrack][8];
        boolean[] high = new boolean[x.length];
        int[] block = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            block[i] = i / perTrack;
            high[i] = block[i] % 2 == 0;
            for (int j = 0; j < 8; j++) {
                x[i][j] = r.nextGaussian() + (high[i] && j < 2 ? 1.5 : 0);
            }
        }
        ShrinkageLda lda = ShrinkageLda.fit(x, high);
        ReadoutScore score = BlockedReadout.crossValidate(x, high, block, tracks, 1);
        List<String> labels = new ArrayList<>();
        for (int j = 0; j < 8; j++) {
            labels.add("latent." + j);
        }
        SubjectProfile.Readout v = new SubjectProfile.Readout("valence", SubjectProfile.LATENT, labels, 5, lda, score);
        SubjectProfile.Readout a = new SubjectProfile.Readout("arousal", SubjectProfile.LATENT, labels, 4.5, lda, score);

        int n = tracks * 75;
        double[][] l1 = new double[n][5];
        double[][] l2 = new double[n][7];
        double[] y = new double[n];
        int[] grid = new int[n];
        for (int t = 0; t < n; t++) {
            grid[t] = t / 75;
            for (int j = 0; j < 5; j++) {
                l1[t][j] = (t > 0 ? 0.9 * l1[t - 1][j] : 0) + r.nextGaussian();
            }
            for (int j = 0; j < 7; j++) {
                l2[t][j] = Math.tanh(l1[t][j % 5] - 0.5 * l1[t][(j + 1) % 5]) + 0.1 * r.nextGaussian();
            }
            y[t] = (t >= 3 ? l2[t - 3][0] : 0) + 0.5 * r.nextGaussian();
        }
        EncodingSettings s = new EncodingSettings(2.5, 2.0, 4, new double[] {0.1, 10, 1000}, 3, 20, 1);
        EncodingProfile e = EncodingAnalysis.run(List.of(new Layer("low", 1, l1), new Layer("high", 2, l2)),
                List.of(new Response("phasic", "µS", y)), grid, s);
        return new SubjectProfile("S01", "2026-11-22T00:00:00Z", "test", "calibration.xdf",
                List.of(new SubjectProfile.StreamRecord("eeg", "EEG", "EEG", 2, 128, List.of("Fz", "Cz"))),
                List.of(new SubjectProfile.ModelRecord("emotion_eeg", "models/default/emotion_eeg.onnx", "ab".repeat(32))),
                List.of("Fz/alpha", "Cz/alpha"), List.of(new SubjectProfile.TrackRecord("cal-01", 10, 40, 7, 3)),
                Map.of("valence", v, "arousal", a), e, s,
                Map.of("track", new RetrievalScore(0.25, 0.3125, 0.125, 10, 40)));
    }

    @Test
    void writtenAndReadBackPredictsBitForBit() throws Exception {
        SubjectProfile p = fitted();
        ProfileFiles.write(p, dir);
        for (String f : List.of(ProfileFiles.MANIFEST, ProfileFiles.READOUTS, ProfileFiles.ENCODING, ProfileFiles.TABLE,
                ProfileFiles.FIGURE)) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        SubjectProfile q = ProfileFiles.read(dir);
        assertEquals(p.subject(), q.subject());
        assertEquals(p.eegFeatures(), q.eegFeatures());
        assertEquals(p.models(), q.models());
        assertEquals(p.streams(), q.streams());
        assertEquals(p.retrieval(), q.retrieval());
        SplittableRandom r = new SplittableRandom(3);
        for (String name : List.of("valence", "arousal")) {
            for (int i = 0; i < 100; i++) {
                double[] x = new double[8];
                for (int j = 0; j < 8; j++) {
                    x[j] = 2 * r.nextGaussian();
                }
                assertEquals(Double.doubleToRawLongBits(p.readouts().get(name).model().probability(x)),
                        Double.doubleToRawLongBits(q.readouts().get(name).model().probability(x)), name);
            }
            assertEquals(p.readouts().get(name).score(), q.readouts().get(name).score());
        }
        double[][] layer = new double[200][7];
        for (double[] row : layer) {
            for (int j = 0; j < 7; j++) {
                row[j] = r.nextGaussian();
            }
        }
        EncodingModel m = p.encoding().models().get(0);
        EncodingModel back = q.encoding().models().get(0);
        double[][] input = m.layer().equals("high") ? layer : sub(layer, 5);
        assertArrayEquals(m.predict(input), back.predict(input));
        for (int k = 0; k < p.encoding().r().length; k++) {
            assertArrayEquals(p.encoding().r()[k], q.encoding().r()[k]);
        }
        assertArrayEquals(p.encoding().centroid(), q.encoding().centroid());
    }

    private static double[][] sub(double[][] x, int cols) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = java.util.Arrays.copyOf(x[i], cols);
        }
        return out;
    }

    @Test
    void damagedFilesAreNamed() throws Exception {
        ProfileFiles.write(fitted(), dir);
        Path readouts = dir.resolve(ProfileFiles.READOUTS);
        Files.writeString(readouts, Files.readString(readouts).replaceFirst("\"bias\"", "\"bias_\""));
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileFiles.read(dir));
        assertTrue(e.getMessage().contains(ProfileFiles.READOUTS) && e.getMessage().contains("bias"), e.getMessage());

        Files.writeString(dir.resolve(ProfileFiles.MANIFEST), "{ not json");
        e = assertThrows(ProfileException.class, () -> ProfileFiles.read(dir));
        assertTrue(e.getMessage().contains(ProfileFiles.MANIFEST) && e.getMessage().contains("not valid JSON"), e.getMessage());

        e = assertThrows(ProfileException.class, () -> ProfileFiles.read(dir.resolve("nothing")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
