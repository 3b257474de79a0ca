package org.frisson.test;

import org.frisson.lsl.Lsl;
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.EnumSet;
import java.util.Locale;

/**
 * A JACK client in a process of its own that plays a 16-bit mono WAV file into its output port
 * {@code <client>:out} over and over, {@code gap} seconds of silence between passes: the test's sound
 * source for {@code frisson capture}. Written apart from Frisson's capture code (plain JNAJack, Java Sound to
 * read the file, samples scaled by 1/32768).
 *
 * <p>It also keeps, as an independent reference for the capture's clock fit, the LSL time of each of its
 * callbacks: on end of stdin it prints one JSON line with the least-squares drift of the JACK graph's
 * frames against the LSL clock over its callbacks after the first second, then exits.
 *
 * <pre>java ... JackFilePlayer CLIENT FILE.wav GAP_SECONDS   (JACK_DEFAULT_SERVER names the server)</pre>
 */
public final class JackFilePlayer {

    private static final int MAX_CALLBACKS = 1 << 20;

    public static void main(String[] args) throws Exception {
        String clientName = args[0];
        float[] file = read(new File(args[1]));
        double gapSeconds = Double.parseDouble(args[2]);
        Jack jack = Jack.getInstance();
        JackClient client = jack.openClient(clientName, EnumSet.of(JackOptions.JackNoStartServer),
                EnumSet.noneOf(JackStatus.class));
        int rate = client.getSampleRate();
        int gap = (int) Math.round(gapSeconds * rate);
        int cycle = file.length + gap;
        JackPort out = client.registerPort("out", JackPortType.AUDIO, JackPortFlags.JackPortIsOutput);
        double[] times = new double[MAX_CALLBACKS];
        long[] frames = new long[MAX_CALLBACKS];
        int[] count = {0};
        long[] played = {0};
        client.setProcessCallback((c, n) -> {
            double now = Lsl.localClock();
            FloatBuffer buf = out.getFloatBuffer();
            for (int i = 0; i < n; i++) {
                int k = (int) ((played[0] + i) % cycle);
                buf.put(i, k < file.length ? file[k] : 0f);
            }
            played[0] += n;
            if (count[0] < MAX_CALLBACKS) {
                times[count[0]] = now;
                frames[count[0]] = played[0];
                count[0]++;
            }
            return true;
        });
        client.activate();
        System.out.println("READY");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our stdin
        }
        client.deactivate();
        int n = count[0];
        int from = 0;
        while (from < n && frames[from] < rate) {
            from++; // the first second: the graph settling
        }
        double drift = driftPpm(times, frames, from, n, rate);
        System.out.printf(Locale.ROOT, "{\"callbacks\": %d, \"frames\": %d, \"rate\": %d, \"drift_ppm\": %.4f}%n",
                n, played[0], rate, drift);
        System.out.flush();
        client.close();
        System.exit(0);
    }

    /** Least-squares slope of callback time against frames played, as ppm of the nominal rate. */
    static double driftPpm(double[] t, long[] f, int from, int to, int rate) {
        int m = to - from;
        if (m < 3) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = from; i < to; i++) {
            mx += f[i] - f[from];
            my += t[i] - t[from];
        }
        mx /= m;
        my /= m;
        double sxx = 0;
        double sxy = 0;
        for (int i = from; i < to; i++) {
            double x = f[i] - f[from] - mx;
            sxx += x * x;
            sxy += x * (t[i] - t[from] - my);
        }
        double secondsPerFrame = sxy / sxx;
        return (1 / secondsPerFrame / rate - 1) * 1e6;
    }

    /** A 16-bit mono WAV as floats, sample / 32768. */
    static float[] read(File wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav)) {
            AudioFormat f = in.getFormat();
            if (f.getChannels() != 1 || f.getSampleSizeInBits() != 16) {
                throw new IllegalArgumentException(wav + ": want 16-bit mono, got " + f);
            }
            byte[] raw = in.readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(raw).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[raw.length / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.getShort() / 32768f;
            }
            return out;
        }
    }
}
