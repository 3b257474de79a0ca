package org.frisson.models;

import java.io.IOException;
import java.io.PrintStream;

/** Copies a child process's output to a log as it comes, so that long installs and exports show progress. */
final class ChildOutput {

    private ChildOutput() {
    }

    /** Starts a daemon thread that copies {@code child}'s output to {@code log} until the child closes it. */
    static Thread copy(Process child, PrintStream log, String threadName) {
        Thread copier = new Thread(() -> {
            try (var in = child.getInputStream()) {
                byte[] chunk = new byte[4096];
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    log.write(chunk, 0, n);
                    log.flush();
                }
            } catch (IOException ignored) {
                // the child is gone; its exit code tells the rest
            }
        }, threadName);
        copier.setDaemon(true);
        copier.start();
        return copier;
    }
}
