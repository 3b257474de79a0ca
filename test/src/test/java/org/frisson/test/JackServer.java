package org.frisson.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A JACK server of our own for a test: Debian's {@code jackd} with its dummy driver (a sound card in
 * software, timed by the system clock), under a unique server name that children reach through
 * {@code JACK_DEFAULT_SERVER}. Real-time scheduling when the machine grants it (steadier cycles on a busy
 * machine), else without. {@link #close()} always leaves it dead.
 */
final class JackServer implements AutoCloseable {

    final String name;
    final int rate;
    final int period;
    final boolean realtime;
    private final Process process;
    private final Path log;

    private JackServer(String name, int rate, int period, boolean realtime, Process process, Path log) {
        this.name = name;
        this.rate = rate;
        this.period = period;
        this.realtime = realtime;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code jackd -d dummy -r rate -p period} and waits until clients can connect. */
    static JackServer start(int rate, int period) throws InterruptedException {
        if (!onPath("jackd")) {
            fail("jackd is missing: run `scripts/setup --test` (it installs Debian's jackd2)");
        }
        String name = "frisson-test-" + UUID.randomUUID().toString().substring(0, 8);
        for (boolean rt : new boolean[]{true, false}) {
            JackServer s = launch(name, rate, period, rt);
            if (s.awaitReady(Duration.ofSeconds(15))) {
                return s;
            }
            s.close();
        }
        return fail("jackd " + name + " did not start with the dummy driver");
    }

    private static JackServer launch(String name, int rate, int period, boolean rt) {
        try {
            Path log = Files.createTempFile("jackd-" + name, ".log");
            List<String> cmd = new ArrayList<>(List.of("jackd"));
            cmd.addAll(rt ? List.of("-R", "-P", "40") : List.of("--no-realtime"));
            cmd.addAll(List.of("-n", name, "-d", "dummy", "-r", Integer.toString(rate), "-p", Integer.toString(period),
                    "-C", "2", "-P", "2"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new JackServer(name, rate, period, rt, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("starting jackd", e);
        }
    }

    private boolean awaitReady(Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                Process check = new ProcessBuilder("jack_wait", "-s", name, "-c").redirectErrorStream(true).start();
                String out = new String(check.getInputStream().readAllBytes());
                check.waitFor(10, TimeUnit.SECONDS);
                if (out.lines().anyMatch(l -> l.trim().equals("running"))) {
                    return true;
                }
            } catch (IOException e) {
                fail("jack_wait (Debian's jackd2) is missing: " + e.getMessage());
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The environment that points JACK clients at this server. */
    Map<String, String> env() {
        return Map.of("JACK_DEFAULT_SERVER", name);
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
