package org.frisson.models;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Produces a model file once with one of the project's Python export tools ({@code models/python/}, run from
 * the {@link ExportEnvironment}, installed first when missing): visible progress (the command and the tool's own log go to
 * {@code log}), a bounded wait, and the file written whole or not at all (the tools write to a temporary name
 * and rename).
 */
final class ModelExport {

    /** Longest an export may take (TensorFlow import and conversion take seconds; a first import can be slow). */
    static final long TIMEOUT_SECONDS = 900;

    private ModelExport() {
    }

    /**
     * The file {@code out}, made first when missing by {@code models/python/<script> <args> --out <out>}.
     *
     * @param what what is exported, for the log and the errors (e.g. {@code MTT_musicnn})
     */
    static Path ensure(Path home, String what, Path out, String script, List<String> args, PrintStream log)
            throws ModelUnavailableException {
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path tool = home.resolve("models/python").resolve(script);
        if (!Files.isRegularFile(tool)) {
            throw new ModelUnavailableException(out + " is not exported and the export tool " + tool + " is missing"
                    + " (the export runs from a Frisson checkout, where scripts/setup --models installs what it needs)");
        }
        Path python = ExportEnvironment.python(home, log);
        List<String> cmd = new ArrayList<>(List.of(python.toString(), tool.toString()));
        cmd.addAll(args);
        cmd.addAll(List.of("--out", out.toString()));
        log.println("frisson: exporting " + what + " to ONNX (once): " + String.join(" ", cmd));
        log.flush();
        Process p = null;
        try {
            Files.createDirectories(out.getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
            p = pb.start();
            Thread copier = ChildOutput.copy(p, log, "model-export-log");
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new ModelUnavailableException("the export of " + what + " did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            copier.join(5000);
            if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
                throw new ModelUnavailableException("the export of " + what + " failed (exit " + p.exitValue()
                        + "); command: " + String.join(" ", cmd));
            }
            return out;
        } catch (IOException e) {
            throw new ModelUnavailableException("the export of " + what + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("the export of " + what + " was interrupted");
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }
}
