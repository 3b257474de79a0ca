package org.frisson.models;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python environment the model exports run in ({@code <home>/.frisson/venv} with
 * {@code models/python/requirements-export.txt}). The first export on a fresh clone installs it through
 * {@code scripts/setup --models}, whose progress goes to the log; afterwards that call returns at once.
 */
final class ExportEnvironment {

    /** Longest a first install may take (TensorFlow is a large download on a slow line). */
    static final long INSTALL_TIMEOUT_SECONDS = 1800;

    private ExportEnvironment() {
    }

    /** The environment's Python, installed first when it is not there yet. */
    static Path python(Path home, PrintStream log) throws ModelUnavailableException {
        Path python = home.resolve(".frisson/venv/bin/python");
        Path setup = home.resolve("scripts/setup");
        if (!Files.isExecutable(setup)) {
            if (Files.isExecutable(python)) {
                return python;
            }
            throw new ModelUnavailableException("the export needs " + python + " and there is no " + setup
                    + " to install it");
        }
        long t0 = System.nanoTime();
        Process p = null;
        try {
            p = new ProcessBuilder(List.of(setup.toString(), "--models")).redirectErrorStream(true).start();
            p.getOutputStream().close();
            Thread copier = ChildOutput.copy(p, log, "export-setup-log");
            if (!p.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new ModelUnavailableException("the model-export environment was not installed within "
                        + INSTALL_TIMEOUT_SECONDS + " s (scripts/setup --models)");
            }
            copier.join(5000);
            if (p.exitValue() != 0) {
                throw new ModelUnavailableException("the model-export environment could not be installed ("
                        + setup + " --models exited " + p.exitValue() + "; its output is above)");
            }
        } catch (IOException e) {
            throw new ModelUnavailableException("the model-export environment could not be installed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException("the install of the model-export environment was interrupted");
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (seconds > 5) {
            log.printf("frisson: model-export environment ready after %.0f s%n", seconds);
        }
        if (!Files.isExecutable(python)) {
            throw new ModelUnavailableException(setup + " --models left no " + python);
        }
        return python;
    }
}
