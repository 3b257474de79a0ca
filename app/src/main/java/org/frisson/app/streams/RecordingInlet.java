package org.frisson.app.streams;

import org.frisson.lsl.Inlet;
import org.frisson.lsl.InletMonitor;
import org.frisson.lsl.StreamEvent;
import org.frisson.lsl.StreamInfo;
import org.frisson.xdf.XdfRecorder;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Records one stream, on its own thread, as LabRecorder does: the full header, samples with their raw
 * stamps, and the inlet's clock offsets (every {@link InletMonitor#CORRECTION_REFRESH_SECONDS} s) as
 * ClockOffset chunks. Stops when asked and then saves what is still buffered.
 */
final class RecordingInlet implements Runnable {

    /** Pause after a pull that returned data, so chunks hold a few tens of ms rather than single samples. */
    private static final long PACE_NANOS = 20_000_000L;
    private static final int MAX_SAMPLES = 4096;

    private final StreamInfo resolved;
    private final XdfRecorder recorder;
    private final double lostAfter;
    private final Consumer<String> log;
    private volatile boolean stopped;
    private volatile long samples;
    private volatile String name;

    RecordingInlet(StreamInfo resolved, XdfRecorder recorder, double lostAfter, Consumer<String> log) {
        this.resolved = resolved;
        this.recorder = recorder;
        this.lostAfter = lostAfter;
        this.log = log;
        this.name = resolved.name();
    }

    void stop() {
        stopped = true;
    }

    long samples() {
        return samples;
    }

    String name() {
        return name;
    }

    @Override
    public void run() {
        try (resolved; Inlet inlet = Inlet.open(resolved); StreamInfo full = inlet.fullInfo(10)) {
            int id = recorder.addStream(full.xml());
            log.accept(String.format("+ stream %d '%s' (%s, %d ch %s, %s) from %s", id, full.name(), full.type(),
                    full.channelCount(), full.format(), full.isIrregular() ? "irregular" : full.nominalRate() + " Hz",
                    full.hostname()));
            TypedPull pull = new TypedPull(inlet, MAX_SAMPLES);
            InletMonitor monitor = new InletMonitor(inlet, lostAfter, this::event);
            inlet.openStream(10);
            int offsetsWritten = 0;
            boolean draining = false;
            while (true) {
                int n = pull.pull(draining ? 0.0 : 0.2);
                if (n > 0) {
                    pull.appendTo(recorder, id, n);
                    samples += n;
                }
                monitor.afterPull(n, pull.stamps());
                for (int k = Math.min(monitor.offsetCount() - offsetsWritten, 64) - 1; k >= 0; k--) {
                    double[] o = monitor.offsetAt(k); // {local time, offset, uncertainty}
                    recorder.clockOffset(id, o[0] - o[1], o[1]);
                }
                offsetsWritten = monitor.offsetCount();
                if (draining && n < MAX_SAMPLES) {
                    break;
                }
                if (stopped) {
                    draining = true;
                } else if (n > 0 && n < MAX_SAMPLES) {
                    LockSupport.parkNanos(PACE_NANOS);
                }
            }
        } catch (RuntimeException e) {
            log.accept("! stream '" + name + "' stopped recording: " + e.getMessage());
        }
    }

    private void event(StreamEvent e) {
        log.accept("# " + EchoCommand.describe(e));
    }
}
