package org.frisson.dsp;

import org.frisson.testsupport.VenvPython;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the Python reference implementations ({@code dsp/python/frisson_reference.py}) in the project's
 * test venv ({@link VenvPython}) and exchanges data with them through files in a temporary folder: arrays as raw
 * little-endian float64 ({@code .f64}), parameters as {@code key=value} lines ({@code manifest.txt}).
 */
public final class PythonReference {

    private PythonReference() {
    }

    /** The project root, as surefire passes it. */
    public static Path home() {
        return VenvPython.home();
    }

    /**
     * Runs {@code frisson_reference.py <task> <dir> [args]}; fails with Python's output when it exits
     * non-zero.
     */
    public static void run(String task, Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("dsp/python/frisson_reference.py", task, dir.toString()));
        cmd.addAll(List.of(args));
        VenvPython.runOk(600, cmd.toArray(String[]::new));
    }

    public static double[] read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(0, bytes.length % 8, file + " is not float64");
            double[] v = new double[bytes.length / 8];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
            return v;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    public static void write(Path file, double[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        try {
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new AssertionError("cannot write " + file, e);
        }
    }

    /** {@code key=value} lines of {@code dir/manifest.txt}, in file order. */
    public static Map<String, String> manifest(Path dir) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("manifest.txt"), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("no manifest in " + dir, e);
        }
        assertTrue(!m.isEmpty(), "empty manifest in " + dir);
        return m;
    }

    /**
     * A file of the repository's reference test data, {@code fixtures/<relative>}; fails the test (never
     * skips) when it is not there.
     */
    public static Path fixture(String relative) {
        Path f = home().resolve("fixtures").resolve(relative).toAbsolutePath().normalize();
        if (!Files.isRegularFile(f)) {
            fail("the reference test file " + f + " is missing: it ships with the repository in fixtures/"
                    + " (see fixtures/README.md)");
        }
        return f;
    }
}
