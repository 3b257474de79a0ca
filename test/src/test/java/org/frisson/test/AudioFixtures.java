package org.frisson.test;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Sound files the audio tests make, and helper processes they run. */
final class AudioFixtures {

    private AudioFixtures() {
    }

    /**
     * Deterministic 16-bit PCM: noise in +-20000 (never 0, so a copy's start is unambiguous), channel-interleaved.
     */
    static short[] noise(int frames, int channels, long seed) {
        Random r = new Random(seed);
        short[] out = new short[frames * channels];
        for (int i = 0; i < out.length; i++) {
            int v = r.nextInt(40000) - 20000;
            out[i] = (short) (v == 0 ? 1 : v);
        }
        return out;
    }

    /** Writes 16-bit little-endian PCM WAV through Java Sound. */
    static Path writeWav(Path file, short[] pcm, int rate, int channels) {
        byte[] bytes = new byte[pcm.length * 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(pcm);
        AudioFormat f = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), f, pcm.length / channels)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /** The float a 16-bit sample is published as: sample / 32768 (exact in float). */
    static float asFloat(short s) {
        return s / 32768f;
    }

    /** Runs a Debian tool to the end; fails with its output if it fails. */
    static String run(List<String> cmd) throws InterruptedException {
        if (!JackServer.onPath(cmd.get(0))) {
            fail(cmd.get(0) + " is missing: run `scripts/setup --test` (it installs Debian's flac and jackd2)");
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(cmd + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("running " + cmd, e);
        }
    }

    /** A Java main class of the test class path in its own JVM, talking lines on stdin/stdout. */
    static final class JavaChild implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer all = new StringBuffer();

        JavaChild(Class<?> main, Map<String, String> env, String... args) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dfrisson.home=" + FrissonChild.home(), "-cp", System.getProperty("java.class.path"), main.getName()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new UncheckedIOException("starting " + main.getName(), e);
            }
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        all.append(l).append('\n');
                        lines.add(l);
                    }
                } catch (IOException e) {
                    all.append("[read: ").append(e).append("]\n");
                }
            }, "child-out");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next line that starts with {@code prefix}; fails after {@code seconds}. */
        String awaitLine(String prefix, double seconds) throws InterruptedException {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                String l = lines.poll(100, TimeUnit.MILLISECONDS);
                if (l != null && l.startsWith(prefix)) {
                    return l;
                }
                if (l == null && !process.isAlive() && lines.isEmpty()) {
                    break;
                }
            }
            return fail("child printed no line starting with '" + prefix + "' within " + seconds + " s:\n" + all);
        }

        /** Closes its stdin (its cue to finish). */
        void endInput() throws IOException {
            process.getOutputStream().close();
        }

        String output() {
            return all.toString();
        }

        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
