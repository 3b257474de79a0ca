package org.frisson.models;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds an exported MusiCNN model in {@code <home>/.frisson/models/}, exporting it the first time with the
 * project's Python tool (visible progress: the command and its log go to {@code log}).
 */
public final class MusicnnExport {

    /** Longest an export may take (TensorFlow import and conversion take seconds; a first import can be slow). */
    static final long TIMEOUT_SECONDS = 900;

    private MusicnnExport() {
    }

    /** The ONNX file of {@code model} (e.g. {@code MTT_musicnn}) under {@code home}. */
    public static Path file(Path home, String model) {
        return home.resolve(".frisson/models").resolve(model + ".onnx");
    }

    /** The exported file, exporting it first when missing. */
    public static Path ensure(Path home, String model, PrintStream log) throws ModelUnavailableException {
        Path out = file(home, model);
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path python = home.resolve(".frisson/venv/bin/python");
        Path script = home.resolve("models/python/export_musicnn.py");
        if (!Files.isExecutable(python) || !Files.isRegularFile(script)) {
            throw new ModelUnavailableException(out + " is not exported and the export needs " + python
                    + " (run scripts/setup --test in " + home + ")");
        }
        List<String> cmd = List.of(python.toString(), script.toString(), "--model", model, "--out", out.toString());
        log.println("frisson: exporting " + model + " to ONNX (once): " + String.join(" ", cmd));
        log.flush();
        Process p = null;
        try {
            Files.createDirectories(out.getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
            p = pb.start();
            Process child = p;
            Thread copier = new Thread(() -> {
                // the export's own progress lines, as they come
                try (var in = child.getInputStream()) {
                    byte[] chunk = new byte[4096];
                    for (int n; (n = in.read(chunk)) >= 0; ) {
                        log.write(chunk, 0, n);
                        log.flush();
                    }
                } catch (IOException ignored) {
                    // the child is gone; its exit code tells the rest
                }
            }, "musicnn-export-log");
            copier.setDaemon(true);
            copier.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new ModelUnavailableException("the export of " + model + " did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            copier.join(5000);
            if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
                throw new ModelUnavailableException("the export of " + model + " failed (exit " + p.exitValue()
                        + "); command: " + String.join(" ", cmd));
            }
            return out;
        } catch (IOException e) {
            throw new ModelUnavailableException("the export of " + model + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("the export of " + model + " was interrupted");
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }
}
