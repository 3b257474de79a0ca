package org.frisson.calibration;

import org.frisson.testsupport.VenvPython;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs {@code calibration/python/calibration_reference.py} in the project's test venv ({@link VenvPython}) and
 * reads what it wrote: float64 arrays ({@code NAME.f64}, little-endian) and {@code manifest.txt}. A missing venv fails the test.
 */
final class PythonReference {

    private final Path dir;
    private final Map<String, String> manifest = new HashMap<>();

    private PythonReference(Path dir) {
        this.dir = dir;
    }

    /** Runs {@code task} with its output in {@code dir}. */
    static PythonReference run(String task, Path dir) throws IOException {
        VenvPython.runOk(300, "calibration/python/calibration_reference.py", task, dir.toString());
        PythonReference reference = new PythonReference(dir);
        for (String line : Files.readAllLines(dir.resolve("manifest.txt"), StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                reference.manifest.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return reference;
    }

    /** A float64 array. */
    double[] array(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(name + ".f64"));
        double[] v = new double[bytes.length / Double.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
        return v;
    }

    /** A row-major float64 matrix with {@code columns} columns. */
    double[][] matrix(String name, int columns) throws IOException {
        double[] flat = array(name);
        if (flat.length % columns != 0) {
            fail(name + ": " + flat.length + " values do not make rows of " + columns);
        }
        double[][] m = new double[flat.length / columns][columns];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(flat, i * columns, m[i], 0, columns);
        }
        return m;
    }

    int integer(String key) {
        return Integer.parseInt(value(key));
    }

    double[] numbers(String key) {
        String[] parts = value(key).split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }

    private String value(String key) {
        String v = manifest.get(key);
        if (v == null) {
            fail("the reference manifest has no " + key + ": " + manifest.keySet());
        }
        return v;
    }
}
