package org.frisson.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the project's Python tools from the test venv, with a bounded wait; the child never outlives it. */
final class Venv {

    private Venv() {
    }

    static Path home() {
        String home = System.getProperty("frisson.home");
        assertTrue(home != null && !home.isBlank(), "frisson.home is not set (run the tests through Maven)");
        return Path.of(home);
    }

    static Path python() {
        Path py = home().resolve(".frisson/venv/bin/python");
        if (!Files.isExecutable(py)) {
            fail("the model tests need " + py + ": run scripts/setup --test from the repository first");
        }
        return py;
    }

    /** Runs {@code models/python/<script>} with arguments; returns its standard output, fails on non-zero exit. */
    static String run(String script, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Result r = exec(script, timeoutSeconds, args);
        if (r.exit() != 0) {
            fail(script + " exited " + r.exit() + ":\n" + r.err());
        }
        return r.out();
    }

    /** Runs a script that must fail; returns its standard error. */
    static String runFailing(String script, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Result r = exec(script, timeoutSeconds, args);
        if (r.exit() == 0) {
            fail(script + " succeeded where it must fail:\n" + r.out() + r.err());
        }
        return r.err();
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result exec(String script, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python().toString(),
                home().resolve("models/python").resolve(script).toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("venv", ".out");
        Path err = Files.createTempFile("venv", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                fail(script + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
