package org.frisson.app.audio;

import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The publisher thread of a capture: takes blocks out of the {@link CaptureRing}, feeds each callback
 * time to the {@link AudioClockFit}, stamps every frame with the fitted LSL time of its place in the
 * device's count, and pushes what it drained as one chunk. Allocation-free per block; a report
 * ({@link CaptureReport}) every {@code reportSeconds} of audio and one at the end.
 */
public final class CapturePublisher implements Runnable {

    private final CaptureClient client;
    private final CaptureRing ring;
    private final AudioClockFit fit;
    private final Outlet outlet;
    private final int channels;
    private final float[] values;
    private final double[] stamps;
    /** Stamp of the newest frame published (stamps only increase). */
    private double lastStamp = Double.NEGATIVE_INFINITY;
    private final int maxChunkFrames;
    private final long reportFrames;
    private final Consumer<CaptureReport> reports;
    private final LatencyWindow latency = new LatencyWindow(4096);
    private final LatencyWindow pushLatency = new LatencyWindow(4096);
    private volatile boolean stopping;
    private long framesPublished;
    private long nextReport;
    private long lastFrameEnd;
    private long skipOffset;
    private long skippedAccepted;
    private long skipClaimsRejected;
    private volatile CaptureReport lastReport;

    /**
     * @param maxChunkFrames most frames per push (at least the largest block the device delivers)
     * @param reportSeconds  audio seconds between reports
     */
    public CapturePublisher(CaptureClient client, AudioClockFit fit, Outlet outlet, int maxChunkFrames,
                            double reportSeconds, Consumer<CaptureReport> reports) {
        this.client = client;
        this.ring = client.ring();
        this.fit = fit;
        this.outlet = outlet;
        this.channels = ring.channels();
        this.maxChunkFrames = maxChunkFrames;
        this.values = new float[maxChunkFrames * channels];
        this.stamps = new double[maxChunkFrames];
        this.reportFrames = Math.max(1, Math.round(reportSeconds * fit.nominalRate()));
        this.nextReport = reportFrames;
        this.reports = reports;
    }

    @Override
    public void run() {
        while (!stopping) {
            if (drainOnce() == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        while (drainOnce() > 0) {
            // what the device delivered before the stop
        }
        report();
    }

    /** A block that follows the previous one without a gap continues its stamps; further than this, it jumps. */
    static final double REANCHOR_SECONDS = 1e-3;
    /** Share of the fit's disagreement with the continued stamps corrected per block (a slew, not a step). */
    static final double SLEW = 0.02;

    /**
     * The stamp of a block's first frame. The fit is refined at every callback, so read afresh it would move
     * block starts back and forth by microseconds; a block right after the previous one therefore continues its
     * stamps at the fitted period and is slewed a little toward the fit, and only a gap (skipped frames) or a
     * disagreement beyond {@link #REANCHOR_SECONDS} puts it where the fit says.
     */
    private double blockStart(long first, double period) {
        double fitted = fit.timeOf(first);
        if (first != lastFrameEnd || lastStamp == Double.NEGATIVE_INFINITY) {
            return fitted;
        }
        double continued = lastStamp + period;
        double error = fitted - continued;
        return Math.abs(error) > REANCHOR_SECONDS ? fitted : continued + SLEW * error;
    }

    /** Publishes what is in the ring now (up to one chunk); returns the frames pushed. */
    public int drainOnce() {
        int n = 0;
        double oldestCallback = Double.NaN;
        while (ring.available() > 0 && n + ring.frames() <= maxChunkFrames) {
            int frames = ring.frames();
            double callback = ring.callbackTime();
            long first = ring.firstFrame() + skipOffset;
            long claim = ring.claimedSkip();
            if (claim > 0) {
                // believe a claimed skip only when the callback came as late as the skipped frames say
                boolean borneOut = fit.settled() && Math.abs(callback - fit.timeOf(first + claim + frames))
                        < Math.abs(callback - fit.timeOf(first + frames));
                if (borneOut) {
                    skipOffset += claim;
                    first += claim;
                    skippedAccepted += claim;
                } else {
                    skipClaimsRejected++;
                }
            }
            fit.observe(first + frames, callback);
            double period = fit.period();
            double stamp0 = blockStart(first, period);
            for (int i = 0; i < frames; i++) {
                stamps[n + i] = stamp0 + i * period;
            }
            ring.copy(values, n * channels);
            ring.release();
            latency.add(callback - stamp0);
            if (n == 0) {
                oldestCallback = callback;
            }
            n += frames;
            lastFrameEnd = first + frames;
            lastStamp = stamps[n - 1];
        }
        if (n == 0) {
            if (ring.available() > 0) {
                throw new IllegalStateException("audio block of " + ring.frames() + " frames exceeds the chunk of "
                        + maxChunkFrames);
            }
            return 0;
        }
        outlet.push(values, n, stamps);
        pushLatency.add(Lsl.localClock() - oldestCallback);
        framesPublished += n;
        if (lastFrameEnd >= nextReport) {
            nextReport = lastFrameEnd + reportFrames;
            report();
        }
        return n;
    }

    private void report() {
        CaptureReport r = snapshot();
        fit.resetWindow();
        lastReport = r;
        reports.accept(r);
    }

    /** The numbers now (allocates the report; call it from the publisher thread or after it ended). */
    public CaptureReport snapshot() {
        return new CaptureReport(lastFrameEnd / fit.nominalRate(), lastFrameEnd, ring.droppedFrames(),
                skippedAccepted, skipClaimsRejected, client.callbacks(), client.allocatedBytes(), fit.driftPpm(), fit.effectiveRate(), fit.windowRms() * 1e3, fit.windowMax() * 1e3, fit.outliers(), fit.steps(),
                latency.quantile(0.5) * 1e3, latency.quantile(0.99) * 1e3, pushLatency.quantile(0.5) * 1e3,
                pushLatency.quantile(0.99) * 1e3);
    }

    /** The newest report (null before the first). */
    public CaptureReport lastReport() {
        return lastReport;
    }

    /** Skips the device claimed that the callback times did not bear out. */
    public long skipClaimsRejected() {
        return skipClaimsRejected;
    }

    public long framesPublished() {
        return framesPublished;
    }

    /** Asks the thread to push what is left and end. */
    public void stop() {
        stopping = true;
    }
}
