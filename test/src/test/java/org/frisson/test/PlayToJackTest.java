package org.frisson.test;

import org.frisson.app.audio.AudioClip;
import org.frisson.app.audio.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code frisson play --to-device --backend jack}: the stimulus reaches the audio server. Recorded by
 * JACK's own example recorder ({@code jack_rec}, Debian's jackd2) from Frisson's output port into a 32-bit
 * WAV file, which must hold the played file's samples.
 */
class PlayToJackTest {

    static final int RATE = 48000;

    @Test
    @Timeout(180)
    void theFileReachesTheJackGraph(@TempDir Path dir) throws Exception {
        short[] pcm = AudioFixtures.noise(RATE, 1, 31); // 1 s, looped
        Path wav = AudioFixtures.writeWav(dir.resolve("stimulus.wav"), pcm, RATE, 1);
        Path rec = dir.resolve("recorded.wav");
        try (JackServer jack = JackServer.start(RATE, 960);
             FrissonChild play = FrissonChild.start(jack.env(), "play", wav.toString(), "--loop", "--to-device",
                     "--backend", "jack", "--device", "none", "--client-name", "stimulus", "--name", "PlayToJack")) {
            play.awaitLog("playing to jack", Duration.ofSeconds(60));
            ProcessBuilder pb = new ProcessBuilder("jack_rec", "-f", rec.toString(), "-d", "3", "-b", "32",
                    "stimulus:Output_1").redirectErrorStream(true);
            pb.environment().putAll(jack.env());
            if (!JackServer.onPath("jack_rec")) {
                fail("jack_rec is missing: run `scripts/setup --test` (it installs Debian's jackd2)");
            }
            Process recorder = pb.start();
            String out = new String(recorder.getInputStream().readAllBytes());
            assertTrue(recorder.waitFor() == 0 || rec.toFile().length() > 0, "jack_rec failed:\n" + out);
            assertEquals(0, play.stop(), "play exits 0 on SIGTERM:\n" + play.log());
        }
        AudioClip got = WavFile.readClip(rec);
        assertEquals(RATE, got.sampleRate());
        float[] r = got.samples();
        int start = -1;
        for (int i = 0; i + pcm.length <= r.length && start < 0; i++) {
            if (near(r[i], pcm[0]) && near(r[i + 1], pcm[1]) && near(r[i + 2], pcm[2])) {
                start = i;
            }
        }
        assertTrue(start >= 0, "the recording (" + r.length + " frames) holds no start of the file");
        for (int k = 0; k < pcm.length; k++) {
            if (!near(r[start + k], pcm[k])) {
                fail("recorded frame " + (start + k) + " is " + r[start + k] + ", the file's frame " + k + " is "
                        + pcm[k] + "/32768");
            }
        }
    }

    /** The recorder stores floats as 32-bit integers: equal to a 16-bit sample within a 32-bit step. */
    private static boolean near(float recorded, short sample) {
        return Math.abs(recorded - sample / 32768.0) < 1e-8;
    }
}
