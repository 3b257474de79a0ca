package org.frisson.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs the Python training tools (models/python) from the test venv with a bounded wait. */
final class TrainingTools {

    private TrainingTools() {
    }

    /** Exit code and combined output of one run. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code python ARGS} in the repository root; the child never outlives the wait. */
    static Result python(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Venv.python().toString());
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("training", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Venv.home().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                fail(String.join(" ", args) + " did not finish within " + timeoutSeconds + " s:\n"
                        + tail(Files.readString(log, StandardCharsets.UTF_8)));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }

    /** Like {@link #python} but fails the test on a non-zero exit, with the output. */
    static String pythonOk(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Result r = python(timeoutSeconds, args);
        if (r.exitCode() != 0) {
            fail(String.join(" ", args) + " exited " + r.exitCode() + ":\n" + tail(r.output()));
        }
        return r.output();
    }

    static String tail(String s) {
        return s.length() <= 20000 ? s : "...\n" + s.substring(s.length() - 20000);
    }
}
