package org.frisson.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs Python in the project's test venv ({@code .frisson/venv}, built by {@code scripts/setup --test} from every
 * {@code *}{@code /python/requirements.txt}), in the repository root, with a bounded wait; the child never
 * outlives the run. A missing venv fails the test, never skips it. Standard output and standard error are kept
 * apart; TensorFlow's start-up chatter is off and no bytecode is written into the repository.
 */
public final class VenvPython {

    /** How one run ended: its exit code, standard output and standard error. */
    public record Result(int exit, String out, String err) {

        /** Standard output, then standard error. */
        public String output() {
            return out + err;
        }
    }

    private VenvPython() {
    }

    /** The repository root, as surefire passes it ({@code frisson.home}). */
    public static Path home() {
        String home = System.getProperty("frisson.home");
        if (home == null || home.isBlank()) {
            fail("system property frisson.home is not set (surefire sets it to the repository root)");
        }
        return Path.of(home);
    }

    /** The test venv's Python; fails the test when it is missing. */
    public static Path python() {
        Path python = home().resolve(".frisson/venv/bin/python");
        if (!Files.isExecutable(python)) {
            fail("this test needs the test venv at " + python + ": run scripts/setup --test from the repository first");
        }
        return python;
    }

    /**
     * Runs {@code python ARGS} (a script, repository-relative or absolute, and its arguments, or {@code -m
     * MODULE ...}); fails the test when it does not finish within {@code timeoutSeconds}.
     */
    public static Result run(long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add(python().toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("venv-python", ".out");
            Path err = Files.createTempFile("venv-python", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(home().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process p = pb.start();
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    fail(String.join(" ", args) + " did not finish within " + timeoutSeconds + " s:\n"
                            + tail(read(out) + read(err)));
                }
                return new Result(p.exitValue(), read(out), read(err));
            } finally {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** Like {@link #run}, and fails the test with the output when the exit code is not 0. */
    public static Result runOk(long timeoutSeconds, String... args) {
        Result r = run(timeoutSeconds, args);
        if (r.exit() != 0) {
            fail(String.join(" ", args) + " exited " + r.exit() + ":\n" + tail(r.output()));
        }
        return r;
    }

    /** Like {@link #run}, for a run that must fail: fails the test when the exit code is 0. */
    public static Result runFailing(long timeoutSeconds, String... args) {
        Result r = run(timeoutSeconds, args);
        if (r.exit() == 0) {
            fail(String.join(" ", args) + " succeeded where it must fail:\n" + tail(r.output()));
        }
        return r;
    }

    /** The last 20,000 characters of {@code s}, for a failure message. */
    public static String tail(String s) {
        return s.length() <= 20000 ? s : "...\n" + s.substring(s.length() - 20000);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
