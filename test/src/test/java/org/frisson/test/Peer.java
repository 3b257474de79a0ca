package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Python peer process from {@code test/python/}, run with the test venv's interpreter.
 *
 * <p>Its stdout is read line by line on a background thread (the peers speak a line protocol:
 * {@code READY}, then JSON objects); its stderr is kept for failure messages. The child inherits the
 * environment, so {@code LSLAPICFG} from surefire keeps it on this machine. Every wait here is bounded;
 * {@link #close()} always leaves the process dead.
 */
final class Peer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String EOF = "\u0000EOF";

    private final String label;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;
    private boolean sawEof;

    private Peer(String label, Process process) {
        this.label = label;
        this.process = process;
        this.outReader = drain(process, true);
        this.errReader = drain(process, false);
    }

    /** Starts {@code test/python/<script>} with {@code args}. */
    static Peer start(String script, List<String> args) {
        Path py = python();
        Path file = home().resolve("test").resolve("python").resolve(script);
        if (!Files.isRegularFile(file)) {
            fail("peer script " + file + " is missing");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(py.toString());
        cmd.add("-u");
        cmd.add(file.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        try {
            return new Peer(script + " " + String.join(" ", args), pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + cmd, e);
        }
    }

    /** The project root: surefire's {@code frisson.home}, else the nearest folder upwards holding {@code .frisson}. */
    static Path home() {
        String prop = System.getProperty("frisson.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(".frisson"))) {
                return d;
            }
        }
        return fail("cannot find the Frisson root: frisson.home is not set and no folder above "
                + Path.of("").toAbsolutePath() + " contains .frisson; run scripts/setup --test from the project root");
    }

    /** The test venv's interpreter; fails (never skips) when the venv was not set up. */
    static Path python() {
        Path root = home();
        Path py = root.resolve(".frisson").resolve("venv").resolve("bin").resolve("python");
        if (!Files.isExecutable(py)) {
            fail("the Python test environment is missing: no " + py + ". Run `scripts/setup --test` in "
                    + root + " to create it (pylsl and numpy pinned in test/python/requirements.txt).");
        }
        return py;
    }

    private Thread drain(Process p, boolean stdout) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    stdout ? p.getInputStream() : p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (stdout) {
                        lines.add(line);
                    } else {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                stderr.append("[reading ").append(stdout ? "stdout" : "stderr").append(": ").append(e).append("]\n");
            } finally {
                if (stdout) {
                    lines.add(EOF);
                }
            }
        }, "peer-" + (stdout ? "out" : "err"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The next stdout line; fails with the peer's stderr if it ends or stays silent for {@code timeout}. */
    String nextLine(Duration timeout) {
        if (sawEof) {
            return fail(describe("has no more output"));
        }
        String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(describe("interrupted while waiting"));
        }
        if (line == null) {
            return fail(describe("printed nothing for " + timeout.toSeconds() + " s"));
        }
        if (line.equals(EOF)) {
            sawEof = true;
            waitForExit(Duration.ofSeconds(5));
            return fail(describe("ended its output"));
        }
        return line;
    }

    /** Waits for the {@code READY} line. */
    void awaitReady(Duration timeout) {
        String line = nextLine(timeout);
        if (!line.equals("READY")) {
            fail(describe("said '" + line + "' instead of READY"));
        }
    }

    /** The next stdout line, parsed as a JSON object. */
    JsonNode nextJson(Duration timeout) {
        String line = nextLine(timeout);
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.isObject()) {
                fail(describe("printed " + line + " where a JSON object was expected"));
            }
            return node;
        } catch (IOException e) {
            return fail(describe("printed a line that is not JSON: " + abbreviate(line)));
        }
    }

    /** Kills the process now (SIGKILL), as a crash would, and waits for it to be gone. */
    void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code of a process that has ended (after {@link #close()} or {@link #awaitExit}). */
    int exitCode() {
        return process.exitValue();
    }

    /** Waits for the process to end on its own and returns its exit code; fails if it does not end in time. */
    int awaitExit(Duration timeout) {
        if (!waitForExit(timeout)) {
            fail(describe("did not exit within " + timeout.toSeconds() + " s"));
        }
        return process.exitValue();
    }

    /** Closes the peer's stdin (the peers take that as "done"), lets it end briefly, then kills it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!waitForExit(Duration.ofSeconds(5))) {
            kill();
        }
        joinQuietly(outReader);
        joinQuietly(errReader);
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String stderr() {
        return stderr.toString();
    }

    /** A failure message naming the peer, with its exit status and stderr. */
    String describe(String what) {
        String status = process.isAlive() ? "running" : "exit code " + process.exitValue();
        return "python peer [" + abbreviate(label) + "] " + what + " (" + status + "); stderr:\n" + stderr;
    }

    private static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "...";
    }
}
