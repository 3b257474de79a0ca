package org.frisson.pipeline;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * A stage's {@link System.Logger}: each message is one line of the pipeline's log, {@code stage '<name>': ...},
 * prefixed {@code WARNING} or {@code ERROR} at those levels; {@code INFO} and above are logged, the rest dropped.
 * Parameters are formatted as {@link MessageFormat} does, in {@link Locale#ROOT}.
 */
final class StageLogger implements System.Logger {

    private final String name;
    private final Consumer<String> log;

    StageLogger(String name, Consumer<String> log) {
        this.name = name;
        this.log = log;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF && level.getSeverity() >= Level.INFO.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            log.accept(line(level, msg) + (thrown == null ? "" : ": " + thrown));
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String msg = params == null || params.length == 0 ? format
                    : new MessageFormat(format, Locale.ROOT).format(params);
            log.accept(line(level, msg));
        }
    }

    private String line(Level level, String msg) {
        String prefix = switch (level) {
            case WARNING -> "WARNING ";
            case ERROR -> "ERROR ";
            default -> "";
        };
        return prefix + "stage '" + name + "': " + msg;
    }
}
