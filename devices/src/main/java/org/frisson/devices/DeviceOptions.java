package org.frisson.devices;

import java.nio.file.Path;

/**
 * How a board is published.
 *
 * @param reportSeconds  board seconds between report lines
 * @param reconnectAfter seconds without data (or at once, on an error from the board) before the session is
 *                       released and the board opened again, and again, until it answers or the publisher is
 *                       closed; 0 never reconnects (a silent board stays silent, an error ends its streams)
 * @param saveTo         a file BrainFlow itself writes every row of the board into (its own tab-separated
 *                       format, which the playback board replays), appended to after a reconnection; null
 *                       writes none
 */
public record DeviceOptions(double reportSeconds, double reconnectAfter, Path saveTo) {

    /** Default seconds of silence before reconnecting: longer than any board's pause between packets. */
    public static final double DEFAULT_RECONNECT_AFTER = 5.0;

    public DeviceOptions {
        if (!(reportSeconds > 0) || Double.isInfinite(reportSeconds)) {
            throw new IllegalArgumentException("report interval must be a positive number of seconds, got " + reportSeconds);
        }
        if (!(reconnectAfter >= 0) || Double.isInfinite(reconnectAfter)) {
            throw new IllegalArgumentException("reconnect_after must be 0 (never) or a positive number of seconds, got "
                    + reconnectAfter);
        }
    }

    /** Reports every {@code reportSeconds}, reconnects after {@link #DEFAULT_RECONNECT_AFTER}, saves nothing. */
    public static DeviceOptions reportingEvery(double reportSeconds) {
        return new DeviceOptions(reportSeconds, DEFAULT_RECONNECT_AFTER, null);
    }

    public DeviceOptions withReconnectAfter(double seconds) {
        return new DeviceOptions(reportSeconds, seconds, saveTo);
    }

    public DeviceOptions withSaveTo(Path file) {
        return new DeviceOptions(reportSeconds, reconnectAfter, file);
    }

    /** Whether a silent or failing board is opened again. */
    public boolean reconnects() {
        return reconnectAfter > 0;
    }

    /** BrainFlow's streamer parameter for {@link #saveTo}: write at the start, append after a reconnection. */
    String streamer(boolean append) {
        return saveTo == null ? null : "file://" + saveTo.toAbsolutePath() + (append ? ":a" : ":w");
    }
}
