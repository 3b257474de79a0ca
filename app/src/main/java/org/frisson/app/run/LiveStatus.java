package org.frisson.app.run;

import org.frisson.app.StopSignal;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.StreamHealth;

import java.io.PrintWriter;

/**
 * The one-line live status of a running pipeline: streams and their rates, frames, latency, losses; the
 * pipeline's markers (transitions) printed above it as they come.
 */
final class LiveStatus {

    private final Pipeline pipeline;
    private final PrintWriter out;
    private final MarkerLog markers;
    private final boolean tty = System.console() != null;
    private final double start = org.frisson.lsl.Lsl.localClock();

    LiveStatus(Pipeline pipeline, PrintWriter out, MarkerLog markers) {
        this.pipeline = pipeline;
        this.out = out;
        this.markers = markers;
    }

    void print() {
        StringBuilder sb = new StringBuilder(String.format("t=%5.1fs frames %d latency p50 %.2f ms p99 %.2f ms |",
                org.frisson.lsl.Lsl.localClock() - start, pipeline.frames(), pipeline.latencyPercentile(0.5) * 1e3,
                pipeline.latencyPercentile(0.99) * 1e3));
        long missed = 0;
        long dropped = 0;
        int shown = 0;
        for (StreamHealth h : pipeline.health()) {
            missed += h.missedSamples();
            dropped += h.droppedSamples();
            if (shown++ < 8) {
                sb.append(String.format(" %s %.0f Hz%s", h.name(), h.effectiveRate(), h.lost() ? " LOST" : ""));
            }
        }
        if (shown > 8) {
            sb.append(" (+").append(shown - 8).append(" streams)");
        }
        sb.append(String.format(" | missed %d dropped %d", missed, dropped));
        synchronized (out) {
            out.print(tty ? "\r" + sb : sb + "\n");
            out.flush();
        }
    }

    /** Prints log lines above the status line. */
    void log(String line) {
        synchronized (out) {
            out.print(tty ? "\r" + line + "\n" : line + "\n");
            out.flush();
        }
    }

    /** Runs until Ctrl-C or {@code duration} seconds (0: no limit), printing once a second. */
    void runUntilStopped(double duration) {
        runUntilStopped(duration, () -> false);
    }

    /** Shows the status until Ctrl-C, the duration, or {@code done}. */
    void runUntilStopped(double duration, java.util.function.BooleanSupplier done) {
        double next = start + 1;
        while (!StopSignal.requested() && !done.getAsBoolean()
                && (duration <= 0 || org.frisson.lsl.Lsl.localClock() - start < duration)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            markers.drain(this::log);
            if (org.frisson.lsl.Lsl.localClock() >= next) {
                next += 1;
                print();
            }
        }
        markers.drain(this::log);
        if (tty) {
            out.println();
        }
    }
}
