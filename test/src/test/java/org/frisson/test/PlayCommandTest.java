package org.frisson.test;

import org.frisson.lsl.Inlet;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code frisson play}: a WAV or FLAC file (the FLAC made from the WAV by the reference encoder, Debian's
 * {@code flac}) arrives at an LSL inlet sample for sample, stamped start + n/rate, with the playback markers
 * in order at the frames they mark.
 */
class PlayCommandTest {

    static final int RATE = 22050;

    /** A marker and its stamp. */
    record Marker(String text, double stamp) {
    }

    /** Everything one playback sent. */
    record Played(float[] values, double[] stamps, int count, List<Marker> markers, String markersType) {
    }

    @Test
    @Timeout(120)
    void aWavFileArrivesSampleExactWithMarkers(@TempDir Path dir) throws Exception {
        short[] pcm = AudioFixtures.noise(RATE * 33 / 10, 2, 21); // 3.3 s, stereo
        Path wav = AudioFixtures.writeWav(dir.resolve("track.wav"), pcm, RATE, 2);
        checkWholeTrack(wav, pcm);
    }

    @Test
    @Timeout(120)
    void aFlacFileArrivesAsTheSameSamples(@TempDir Path dir) throws Exception {
        short[] pcm = AudioFixtures.noise(RATE * 33 / 10, 2, 22);
        Path wav = AudioFixtures.writeWav(dir.resolve("source.wav"), pcm, RATE, 2);
        Path flac = dir.resolve("track.flac");
        AudioFixtures.run(List.of("flac", "--silent", "--force", "-8", "-o", flac.toString(), wav.toString()));
        checkWholeTrack(flac, pcm);
    }

    @Test
    @Timeout(120)
    void loopingStartsEachPassOnTheNextFrameAndStopsCleanly(@TempDir Path dir) throws Exception {
        short[] pcm = AudioFixtures.noise(RATE * 12 / 10, 1, 23); // 1.2 s
        Path wav = AudioFixtures.writeWav(dir.resolve("loop.wav"), pcm, RATE, 1);
        String id = "frisson-test-play-" + UUID.randomUUID();
        try (FrissonChild play = FrissonChild.start("play", wav.toString(), "--loop", "--wait", "30", "--source-id", id,
                "--name", "LoopTest")) {
            Played got = receive(play, id, 1, RATE * 3, true);
            assertEquals(0, play.stop(), "play exits 0 on SIGTERM:\n" + play.log());
            int frames = pcm.length;
            for (int i = 0; i < got.count(); i++) {
                assertEquals(AudioFixtures.asFloat(pcm[i % frames]), got.values()[i], "sample " + i);
            }
            double t0 = got.stamps()[0];
            List<Marker> m = got.markers();
            List<String> texts = m.stream().map(Marker::text).toList();
            List<String> expectedStart = List.of("track_start " + wav, "position 0.000", "position 1.000", "track_stop",
                    "track_start " + wav, "position 0.000", "position 1.000", "track_stop", "track_start " + wav);
            assertEquals(expectedStart, texts.subList(0, Math.min(texts.size(), expectedStart.size())), "markers " + texts);
            assertEquals(t0 + 1.2, m.get(3).stamp(), 1e-9, "first pass stops after 1.2 s");
            assertEquals(t0 + 1.2, m.get(4).stamp(), 1e-9, "second pass starts on the next frame");
            assertEquals(t0 + 2.2, m.get(6).stamp(), 1e-9, "positions are within the pass");
            assertEquals("track_stop", texts.get(texts.size() - 1), "a stop ends the open track: " + texts);
        }
    }

    private static void checkWholeTrack(Path file, short[] pcm) throws Exception {
        String id = "frisson-test-play-" + UUID.randomUUID();
        int frames = pcm.length / 2;
        try (FrissonChild play = FrissonChild.start("play", file.toString(), "--wait", "30", "--source-id", id,
                "--name", "PlayTest")) {
            Played got = receive(play, id, 2, frames, false);
            assertEquals(0, play.awaitExit(Duration.ofSeconds(30)), "play ends by itself:\n" + play.log());
            assertEquals(frames, got.count(), "every frame of " + file.getFileName());
            for (int i = 0; i < pcm.length; i++) {
                if (got.values()[i] != AudioFixtures.asFloat(pcm[i])) {
                    fail(file.getFileName() + ": frame " + i / 2 + " channel " + i % 2 + " is " + got.values()[i]
                            + ", the file holds " + pcm[i] + "/32768");
                }
            }
            double t0 = got.stamps()[0];
            for (int i = 0; i < frames; i++) {
                assertEquals(t0 + i / (double) RATE, got.stamps()[i], 1e-9, "stamp of frame " + i);
            }
            assertEquals("PlaybackMarkers", got.markersType());
            List<Marker> expected = List.of(new Marker("track_start " + file, t0), new Marker("position 0.000", t0),
                    new Marker("position 1.000", t0 + 1), new Marker("position 2.000", t0 + 2),
                    new Marker("position 3.000", t0 + 3), new Marker("track_stop", t0 + frames / (double) RATE));
            assertEquals(expected.stream().map(Marker::text).toList(), got.markers().stream().map(Marker::text).toList());
            for (int k = 0; k < expected.size(); k++) {
                assertEquals(expected.get(k).stamp(), got.markers().get(k).stamp(), 1e-9, "stamp of " + expected.get(k).text());
            }
        }
    }

    /**
     * Opens inlets on both streams (so the {@code --wait} start goes ahead) and pulls until {@code frames}
     * frames arrived, then the markers until the track stops (or, looping, until the stop after SIGTERM).
     */
    private static Played receive(FrissonChild play, String id, int channels, int frames, boolean looping)
            throws Exception {
        play.awaitLog("playing ", Duration.ofSeconds(60));
        float[] values = new float[frames * channels];
        double[] stamps = new double[frames];
        List<Marker> markers = new ArrayList<>();
        String markersType;
        try (StreamInfo ai = Interop.resolve(id); StreamInfo mi = Interop.resolve(id + "-markers");
             Inlet audio = Inlet.open(ai); Inlet marks = Inlet.open(mi)) {
            markersType = mi.type();
            assertEquals("Audio", ai.type());
            assertEquals(RATE, ai.nominalRate());
            marks.openStream(Interop.NET_TIMEOUT);
            audio.openStream(Interop.NET_TIMEOUT);
            float[] chunk = new float[1024 * channels];
            double[] chunkStamps = new double[1024];
            int n = 0;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (n < frames && System.nanoTime() < deadline) {
                int k = audio.pull(chunk, chunkStamps, 0.5);
                k = Math.min(k, frames - n);
                System.arraycopy(chunk, 0, values, n * channels, k * channels);
                System.arraycopy(chunkStamps, 0, stamps, n, k);
                n += k;
            }
            assertEquals(frames, n, "frames received within 60 s");
            if (looping) {
                play.stop();
            }
            String[] text = new String[1];
            double[] at = new double[1];
            while (System.nanoTime() < deadline) {
                if (marks.pull(text, at, 2.0) == 0) {
                    break;
                }
                markers.add(new Marker(text[0], at[0]));
                if (!looping && text[0].equals("track_stop")) {
                    break;
                }
            }
            return new Played(values, stamps, n, markers, markersType);
        }
    }
}
