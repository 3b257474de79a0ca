package org.frisson.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A {@code frisson} command in its own JVM (the test's class path), its output in a log file. Every
 * wait is bounded; {@link #close()} always leaves the process dead.
 */
final class FrissonChild implements AutoCloseable {

    private static final Pattern DASHBOARD = Pattern.compile("dashboard: (https?://\\S+)");

    private final Process process;
    private final Path log;

    private FrissonChild(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Path home() {
        return Path.of(System.getProperty("frisson.home", "..")).toAbsolutePath().normalize();
    }

    static FrissonChild start(String... args) {
        return start(java.util.Map.of(), args);
    }

    /** As {@link #start(String...)}, with {@code env} added to the inherited environment. */
    static FrissonChild start(java.util.Map<String, String> env, String... args) {
        return startIn(home(), env, args);
    }

    /** As {@link #start(java.util.Map, String...)}, with another Frisson home (its configs, models, .frisson). */
    static FrissonChild startIn(Path frissonHome, java.util.Map<String, String> env, String... args) {
        return launch(List.of(), frissonHome, env, args);
    }

    /**
     * As {@link #start(String...)}, with no file it writes allowed to grow beyond {@code kib} KiB (RLIMIT_FSIZE, set
     * by the shell's {@code ulimit -f}): a write past it fails with EFBIG ("File too large"), as on a full disk.
     * Its log is written by the child too: keep it well below the limit.
     */
    static FrissonChild startWithFileSizeLimit(long kib, String... args) {
        return launch(List.of("bash", "-c", "ulimit -f " + kib + " && exec \"$@\"", "frisson-limited"), home(),
                java.util.Map.of(), args);
    }

    private static FrissonChild launch(List<String> prefix, Path frissonHome, java.util.Map<String, String> env,
                                       String... args) {
        try {
            Path log = Files.createTempFile("frisson-" + args[0], ".log");
            List<String> cmd = new ArrayList<>(prefix);
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dfrisson.home=" + frissonHome, "-cp", System.getProperty("java.class.path"), "org.frisson.app.Frisson"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            return new FrissonChild(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dashboard address it printed (token included when one is needed). */
    String dashboardUrl() {
        String[] url = new String[1];
        await("dashboard address in the log").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("frisson exited early:\n" + log());
                    }
                    Matcher m = DASHBOARD.matcher(log());
                    if (m.find()) {
                        url[0] = m.group(1);
                        return true;
                    }
                    return false;
                });
        return url[0];
    }

    /** Waits until the log holds {@code text}. */
    void awaitLog(String text, Duration atMost) {
        await("'" + text + "' in the log").atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("frisson exited early:\n" + log());
            }
            return log().contains(text);
        });
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Waits for the process to end on its own; its exit code (fails after {@code atMost}). */
    int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("frisson did not end within " + atMost.toSeconds() + " s:\n" + log());
        }
        return process.exitValue();
    }

    /** SIGTERM, as Ctrl-C would; returns the exit code (or fails after 20 s). */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("frisson did not stop on SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
