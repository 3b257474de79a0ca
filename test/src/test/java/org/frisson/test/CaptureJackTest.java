package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code frisson capture --backend jack} on a real audio server: a JACK server with its dummy driver
 * (started here), a second process playing a known file into Frisson's capture port, and an LSL inlet
 * checking what arrives: the file's samples exactly, and stamps on the LSL clock at the device's rate.
 */
class CaptureJackTest {

    static final int RATE = 48000;
    /** 960 frames = exactly 20 000 us: the dummy driver sleeps whole microseconds, so its clock is exact. */
    static final int PERIOD = 960;
    static final Pattern CLOCK = Pattern.compile("clock: drift ([-+0-9.]+) ppm .*?(\\d+) skipped by the device; (\\d+) callbacks, (-?\\d+) bytes allocated");

    @Test
    @Timeout(180)
    void capturesAPlayedFileSampleExactOnTheLslClock(@TempDir Path dir) throws Exception {
        int fileFrames = 72000; // 1.5 s
        double gapSeconds = 0.25;
        short[] pcm = AudioFixtures.noise(fileFrames, 1, 11);
        Path wav = AudioFixtures.writeWav(dir.resolve("known.wav"), pcm, RATE, 1);
        String sourceId = "frisson-test-capture-" + UUID.randomUUID();
        String player = "fixture-player";
        try (JackServer jack = JackServer.start(RATE, PERIOD);
             var play = new AudioFixtures.JavaChild(JackFilePlayer.class, jack.env(), player, wav.toString(),
                     Double.toString(gapSeconds))) {
            play.awaitLine("READY", 60);
            try (FrissonChild cap = FrissonChild.start(jack.env(), "capture", "--backend", "jack", "--device", player,
                    "--name", "CaptureTest", "--source-id", sourceId, "--report", "2", "--fit-seconds", "10")) {
                cap.awaitLog("capturing 1 ch at 48000 Hz in " + PERIOD + "-frame blocks through jack ("
                        + player + ":out -> frisson-capture:Input_1)", Duration.ofSeconds(60));
                Received got = receive(sourceId, 9.0);
                assertEquals(0, cap.stop(), "capture exits 0 on SIGTERM:\n" + cap.log());
                String log = cap.log();
                assertTrue(log.contains("capture stopped"), log);
                play.endInput();
                JsonNode ref = Peer.JSON.readTree(play.awaitLine("{", 30));

                checkContent(got, pcm, (int) Math.round(gapSeconds * RATE));
                checkTiming(got, log, ref, jack);
            }
        }
    }

    /** What the inlet pulled: values, stamps, and per pull the newest stamp and the LSL time after the pull. */
    record Received(float[] values, double[] stamps, int count, List<double[]> pulls) {
    }

    private static Received receive(String sourceId, double seconds) {
        float[] values = new float[(int) ((seconds + 2) * RATE)];
        double[] stamps = new double[values.length];
        List<double[]> pulls = new ArrayList<>();
        int n = 0;
        try (StreamInfo info = Interop.resolve(sourceId); Inlet inlet = Inlet.open(info)) {
            inlet.openStream(Interop.NET_TIMEOUT);
            try (StreamInfo full = inlet.fullInfo(Interop.NET_TIMEOUT)) {
                assertEquals("Audio", full.type());
                assertEquals(RATE, full.nominalRate());
                assertEquals(List.of("mono"), full.channelLabels());
                assertEquals("jack", full.desc("backend"));
                assertEquals(Integer.toString(PERIOD), full.desc("buffer_frames"));
            }
            float[] chunk = new float[4096];
            double[] chunkStamps = new double[4096];
            double end = Lsl.localClock() + seconds;
            while (Lsl.localClock() < end && n + chunk.length <= values.length) {
                int k = inlet.pull(chunk, chunkStamps, 0.2);
                double now = Lsl.localClock();
                if (k > 0) {
                    System.arraycopy(chunk, 0, values, n, k);
                    System.arraycopy(chunkStamps, 0, stamps, n, k);
                    n += k;
                    pulls.add(new double[]{chunkStamps[k - 1], now});
                }
            }
        }
        assertTrue(n > 6 * RATE, "received only " + n + " samples in " + seconds + " s");
        return new Received(values, stamps, n, pulls);
    }

    /** Two whole passes of the file, sample for sample, exactly one gap apart. */
    private static void checkContent(Received got, short[] pcm, int gap) {
        int start = -1;
        for (int i = 0; i + pcm.length <= got.count() && start < 0; i++) {
            if (got.values()[i] == AudioFixtures.asFloat(pcm[0]) && matches(got, i, pcm)) {
                start = i;
            }
        }
        if (start < 0) {
            fail("no whole pass of the played file among the " + got.count() + " samples received");
        }
        int next = start + pcm.length + gap;
        assertTrue(next + pcm.length <= got.count(), "a second pass fits in what was received");
        for (int i = start + pcm.length; i < next; i++) {
            assertEquals(0f, got.values()[i], "silence between passes at sample " + i);
        }
        assertTrue(matches(got, next, pcm), "the next pass starts exactly one file plus gap later (no frame lost or doubled)");
    }

    private static boolean matches(Received got, int at, short[] pcm) {
        for (int k = 0; k < pcm.length; k++) {
            if (got.values()[at + k] != AudioFixtures.asFloat(pcm[k])) {
                return false;
            }
        }
        return true;
    }

    private static void checkTiming(Received got, String log, JsonNode ref, JackServer jack) {
        double[] s = got.stamps();
        int n = got.count();
        int regular = 0;
        for (int i = 1; i < n; i++) {
            double d = s[i] - s[i - 1];
            assertTrue(d > 0, "stamps increase: sample " + i + " is " + d + " s after the previous");
            if (Math.abs(d * RATE - 1) < 0.05) {
                regular++;
            }
        }
        assertTrue(regular >= 0.999 * (n - 1), (n - 1 - regular) + " of " + (n - 1) + " stamp steps are not 1/rate");
        // the stamps' own rate, over everything received
        // (least squares over the second half, once the fit has settled: end points alone carry its jitter)
        double mi = 0;
        double ms = 0;
        int h = n / 2;
        for (int i = h; i < n; i++) {
            mi += i;
            ms += s[i] - s[h];
        }
        mi /= n - h;
        ms /= n - h;
        double sxy = 0;
        double sxx = 0;
        for (int i = h; i < n; i++) {
            sxy += (i - mi) * (s[i] - s[h] - ms);
            sxx += (i - mi) * (i - mi);
        }
        double stampPpm = (1 / (sxy / sxx) / RATE - 1) * 1e6;

        Matcher m = CLOCK.matcher(log);
        String last = null;
        double drift = Double.NaN;
        long skipped = 0;
        long callbacks = 0;
        long bytes = 0;
        while (m.find()) {
            last = m.group();
            drift = Double.parseDouble(m.group(1));
            skipped = Long.parseLong(m.group(2));
            callbacks = Long.parseLong(m.group(3));
            bytes = Long.parseLong(m.group(4));
        }
        assertTrue(last != null, "no clock line in the log:\n" + log);
        double refPpm = ref.get("drift_ppm").doubleValue();
        String where = String.format(Locale.ROOT, "capture drift %+.2f ppm, stamps %+.2f ppm, player's reference %+.2f ppm,"
                + " %d frames skipped by the device (jackd %s)", drift, stampPpm, refPpm, skipped,
                jack.realtime ? "real-time" : "not real-time");
        System.out.println("capture timing: " + where);
        // The dummy driver's clock is the system clock: 0 ppm. Over the ~5 s the fit remembers after 9 s
        // (--fit-seconds 10, memory growing as half the audio seen), callback delays that wander by 0.05 ms
        // tilt the line by 10 ppm, and by several times that when the machine is loaded (a CI run: up to 42 ppm
        // seen, the player's own estimate 14 ppm). The bounds below separate that from a broken clock (a
        // dummy driver missing cycles without real-time scheduling gave -700 to -4700 ppm); the fit's accuracy
        // on known drifts (within 1-2 ppm) is checked deterministically in AudioClockFitTest, and the
        // long-run figures are in docs/perf.md.
        assertTrue(Math.abs(drift) < 100, "drift on the dummy driver is ~0: " + where);
        assertTrue(Math.abs(drift - refPpm) < 60, "the fit agrees with the player's independent estimate: " + where);
        // the stamps continue at the fitted period and are slewed toward the fit, so over the run their rate
        // follows the fit's history rather than its last value: they are held to the same bounds
        assertTrue(Math.abs(stampPpm) < 100 && Math.abs(stampPpm - refPpm) < 100,
                "the stamps advance at the audio clock's rate: " + where);
        assertTrue(callbacks > 300, last);
        assertTrue(bytes >= 0 && bytes < callbacks, "no allocation per callback: " + last);

        // every pull: the newest sample is in the past, by at most a period plus the fit's offset and scheduling
        double worstAhead = Double.NEGATIVE_INFINITY;
        double worstLag = 0;
        for (double[] p : got.pulls()) {
            worstAhead = Math.max(worstAhead, p[0] - p[1]);
            worstLag = Math.max(worstLag, p[1] - p[0]);
        }
        System.out.printf(Locale.ROOT, "capture timing: newest stamp at pull: at most %.2f ms ahead, %.2f ms behind%n",
                worstAhead * 1e3, worstLag * 1e3);
        assertTrue(worstAhead < 0.002, "a stamp is " + worstAhead * 1e3 + " ms ahead of the LSL clock at pull time");
        assertTrue(worstLag < 0.25, "the newest sample was " + worstLag * 1e3 + " ms old at pull time");
    }
}
