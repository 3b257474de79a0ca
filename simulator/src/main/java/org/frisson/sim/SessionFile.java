package org.frisson.sim;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A bounded simulated session written straight into an XDF file as fast as the CPU allows, without LSL: the
 * same streams, samples and markers the live {@link Simulator} publishes ({@link SessionSource}), stamped from
 * {@link #START} seconds, into an {@link XdfSink}.
 */
public final class SessionFile {

    /** The session's first stamp: a fixed time, so the same options give the same file. */
    public static final double START = 1000.0;
    /** Session seconds generated per step. */
    private static final double STEP_SECONDS = 1.0;

    private SessionFile() {
    }

    /** What was written. */
    public record Written(Path file, int streams, double seconds) {
    }

    /**
     * Writes the session of {@code options} to {@code file}, and its ground truth to the options' truth file.
     *
     * @throws IllegalArgumentException naming --duration when the session has no end
     * @throws java.nio.file.FileAlreadyExistsException when the file exists and {@code overwrite} is false
     */
    public static Written write(SessionOptions options, Path file, boolean overwrite) throws IOException {
        if (!options.bounded()) {
            throw new IllegalArgumentException("a recording needs a session with an end: give --duration S > 0 for the "
                    + options.profile() + " profile");
        }
        SessionSource source = SessionSource.create(options);
        source.start(START);
        double end = source.duration();
        try (XdfSink sink = new XdfSink(file, source.streams(), START, overwrite)) {
            for (long step = 1; ; step++) {
                double until = Math.min(step * STEP_SECONDS, end);
                source.advance(until, sink);
                if (until >= end) {
                    break;
                }
            }
        }
        if (options.truthFile() != null) {
            SessionTruth.write(options.truthFile(), source, source.passes(end));
        }
        return new Written(file, source.streams().size(), end);
    }
}
