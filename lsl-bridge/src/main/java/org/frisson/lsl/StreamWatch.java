package org.frisson.lsl;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Watches one stream's time stamps and silences and reports gaps, clock resets, loss and recovery.
 *
 * <p>Pure bookkeeping, no I/O: the reader calls {@link #onSamples} after every pull, {@link #onIdle}
 * when a pull returned nothing, and {@link #onClockReset} when liblsl reports a reset. Events are
 * handed to a sink as they are found. Nothing is allocated unless an event is emitted.
 */
public final class StreamWatch {

    /** A gap is more than this many sample periods between consecutive stamps. */
    public static final double GAP_PERIODS = 4.0;
    /** ... and at least this long, so jitter on fast streams is not a gap. */
    public static final double MIN_GAP_SECONDS = 0.010;
    /** Stamps moving backwards by more than this are a clock reset, not jitter. */
    public static final double BACKWARD_TOLERANCE_SECONDS = 0.001;

    private final String stream;
    private final double nominalRate;
    private final double gapSeconds;
    private final double lostAfterSeconds;
    private final BooleanSupplier sourcePresent;
    private final Consumer<StreamEvent> sink;

    private double lastStamp = Double.NaN;
    private double lastArrival = Double.NaN;
    private double lostSince = Double.NaN;
    private double nextPresenceCheck = Double.NEGATIVE_INFINITY;
    private boolean lost;
    private long samples;
    private long gaps;
    private long missed;
    private long resets;
    private long losses;

    /**
     * @param nominalRate      samples per second, 0 for irregular streams (no gap detection)
     * @param lostAfterSeconds silence after which the stream counts as lost
     * @param sourcePresent    for irregular streams, whether the source is still on the network (silence
     *                         alone proves nothing there); may be {@code null} to never declare it lost
     */
    public StreamWatch(String stream, double nominalRate, double lostAfterSeconds, BooleanSupplier sourcePresent,
                       Consumer<StreamEvent> sink) {
        this.stream = stream;
        this.nominalRate = nominalRate;
        this.gapSeconds = nominalRate > 0 ? Math.max(GAP_PERIODS / nominalRate, MIN_GAP_SECONDS) : Double.NaN;
        this.lostAfterSeconds = lostAfterSeconds;
        this.sourcePresent = sourcePresent;
        this.sink = sink;
    }

    /** Looks at {@code n} new stamps (local clock), arrived at local time {@code now}. */
    public void onSamples(double[] stamps, int n, double now) {
        if (n <= 0) {
            onIdle(now);
            return;
        }
        if (lost) {
            lost = false;
            sink.accept(new StreamEvent.Recovered(stream, now, now - lostSince));
        }
        double prev = lastStamp;
        for (int i = 0; i < n; i++) {
            double t = stamps[i];
            if (prev == prev) { // not NaN: there is a previous sample
                double dt = t - prev;
                if (dt < -BACKWARD_TOLERANCE_SECONDS) {
                    resets++;
                    sink.accept(new StreamEvent.ClockReset(stream, now, dt));
                } else if (dt > gapSeconds) {
                    long m = Math.max(0, Math.round(dt * nominalRate) - 1);
                    gaps++;
                    missed += m;
                    sink.accept(new StreamEvent.Gap(stream, prev, t, m));
                }
            }
            prev = t;
        }
        lastStamp = prev;
        lastArrival = now;
        samples += n;
    }

    /** Liblsl reported that the source's clock was reset. */
    public void onClockReset(double now) {
        resets++;
        sink.accept(new StreamEvent.ClockReset(stream, now, 0.0));
    }

    /** A pull returned nothing at local time {@code now}. */
    public void onIdle(double now) {
        if (lastArrival != lastArrival) {
            lastArrival = now; // silence counts from the first look, not from the epoch
            return;
        }
        if (lost || now - lastArrival <= lostAfterSeconds) {
            return;
        }
        if (nominalRate <= 0) {
            if (sourcePresent == null || now < nextPresenceCheck) {
                return;
            }
            nextPresenceCheck = now + lostAfterSeconds;
            if (sourcePresent.getAsBoolean()) {
                return;
            }
        }
        lost = true;
        losses++;
        lostSince = lastArrival;
        sink.accept(new StreamEvent.Lost(stream, lastStamp, now - lastArrival));
    }

    public String stream() {
        return stream;
    }

    public boolean isLost() {
        return lost;
    }

    public long samples() {
        return samples;
    }

    public long gaps() {
        return gaps;
    }

    /** Samples estimated missing over all gaps. */
    public long missedSamples() {
        return missed;
    }

    public long clockResets() {
        return resets;
    }

    public long losses() {
        return losses;
    }

    /** The newest stamp seen (the stream's watermark), NaN before the first sample. */
    public double lastStamp() {
        return lastStamp;
    }
}
