package org.frisson.app.audio;

import org.frisson.app.Frisson;
import org.frisson.sim.MusicScore;
import org.frisson.sim.MusicSynth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code frisson embed FILE --model encodec-random --csv OUT}: a 44.1 kHz WAV becomes one row per 75 Hz latent
 * frame, and a shorter hop (more left context per patch) gives the same latents.
 */
class EmbedEncodecCommandTest {

    @TempDir
    Path dir;

    static List<String[]> rows(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(l -> l.split(",")).toList();
    }

    @Test
    void latentCsvHasOneRowPerFrameAndDoesNotDependOnTheHop() throws Exception {
        float[] music = MusicSynth.render(MusicScore.demoPiece(), 44100, 3);
        Path wav = dir.resolve("clip.wav");
        MusicSynth.writeWav(Arrays.copyOfRange(music, 0, 3 * 44100), 44100, wav);
        Path first = dir.resolve("latent.csv");
        Path second = dir.resolve("latent-hop.csv");
        assertEquals(0, Frisson.run("embed", wav.toString(), "--model", "encodec-random", "--csv", first.toString()));
        assertEquals(0, Frisson.run("embed", wav.toString(), "--model", "encodec-random", "--layer", "latent",
                "--hop", "0.5", "--csv", second.toString()));

        List<String[]> a = rows(first);
        List<String[]> b = rows(second);
        assertEquals("frame", a.get(0)[0]);
        assertEquals("latent_127", a.get(0)[130]);
        assertEquals(131, a.get(0).length);
        // 3 s at 24 kHz is 225 frames of 320 samples
        assertEquals(225, a.size() - 1);
        assertEquals(a.size(), b.size());
        double worst = 0;
        double scale = 0;
        for (int r = 1; r < a.size(); r++) {
            assertEquals(r - 1, Integer.parseInt(a.get(r)[0]));
            assertEquals((r - 1) / 75.0, Double.parseDouble(a.get(r)[1]), 1e-9);
            assertEquals(131, a.get(r).length);
            for (int c = 3; c < 131; c++) {
                double x = Double.parseDouble(a.get(r)[c]);
                assertTrue(Double.isFinite(x));
                scale = Math.max(scale, Math.abs(x));
                worst = Math.max(worst, Math.abs(x - Double.parseDouble(b.get(r)[c])));
            }
        }
        assertTrue(scale > 0.01, "latent max |x| " + scale);
        assertTrue(worst <= 1e-5, "hop 1 s vs 0.5 s: max |diff| " + worst);
    }

    @Test
    void hopLongerThanThePatchIsRefused() throws Exception {
        float[] music = MusicSynth.render(MusicScore.demoPiece(), 24000, 3);
        Path wav = dir.resolve("clip.wav");
        MusicSynth.writeWav(Arrays.copyOfRange(music, 0, 2 * 24000), 24000, wav);
        assertEquals(2, Frisson.run("embed", wav.toString(), "--model", "encodec-random", "--hop", "2"));
        assertEquals(2, Frisson.run("embed", wav.toString(), "--model", "encodec-random", "--layer", "penultimate"));
    }
}
