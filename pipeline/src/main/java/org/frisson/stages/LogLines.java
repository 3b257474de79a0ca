package org.frisson.stages;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PrintStream} for code that reports progress on one (a model export and its child process, at
 * configure time): each line it is given becomes one message of a stage's logger, at {@code INFO}, without a
 * leading {@code frisson: } (the log says whose line it is). Lines may come from several threads; each goes out
 * whole.
 */
final class LogLines extends OutputStream {

    private static final String PREFIX = "frisson: ";

    private final System.Logger log;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LogLines(System.Logger log) {
        this.log = log;
    }

    /** A print stream whose lines go to {@code log}. */
    static PrintStream to(System.Logger log) {
        return new PrintStream(new LogLines(log), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else if (b != '\r') {
            line.write(b);
        }
    }

    @Override
    public synchronized void close() {
        flushLine();
    }

    private void flushLine() {
        if (line.size() > 0) {
            String text = line.toString(StandardCharsets.UTF_8);
            log.log(System.Logger.Level.INFO, text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text);
            line.reset();
        }
    }
}
