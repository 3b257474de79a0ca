package org.frisson.lsl;

import java.util.function.Consumer;

/**
 * Keeps one inlet's stamps on the local LSL clock and its health watched.
 *
 * <p>After each pull, {@link #afterPull} adds the current clock offset to the new stamps (refreshed
 * every {@link #CORRECTION_REFRESH_SECONDS}; the offsets are kept in a bounded history), checks for a
 * clock reset and feeds a {@link StreamWatch}. Use it from the thread that pulls.
 */
public final class InletMonitor {

    /** How often the clock offset is re-read. */
    public static final double CORRECTION_REFRESH_SECONDS = 5.0;
    private static final int HISTORY = 64;

    private final Inlet inlet;
    private final StreamWatch watch;
    private final double[] offsetTimes = new double[HISTORY];
    private final double[] offsets = new double[HISTORY];
    private final double[] uncertainties = new double[HISTORY];
    private int historyCount;
    private double offset;
    private double uncertainty = Double.NaN;
    private double nextRefresh = Double.NEGATIVE_INFINITY;

    /**
     * @param lostAfterSeconds silence after which the stream is reported lost
     * @param events           receives gaps, clock resets, loss and recovery
     */
    public InletMonitor(Inlet inlet, double lostAfterSeconds, Consumer<StreamEvent> events) {
        this.inlet = inlet;
        StreamInfo info = inlet.info();
        this.watch = new StreamWatch(info.name(), info.nominalRate(), lostAfterSeconds,
                () -> sourceStillPresent(info), events);
    }

    /** Corrects {@code n} freshly pulled stamps in place and watches them; returns {@code n}. */
    public int afterPull(int n, double[] stamps) {
        double now = Lsl.localClock();
        if (now >= nextRefresh) {
            refreshCorrection(now);
        }
        if (inlet.wasClockReset()) {
            watch.onClockReset(now);
            refreshCorrection(now);
        }
        for (int i = 0; i < n; i++) {
            stamps[i] += offset;
        }
        watch.onSamples(stamps, n, now);
        return n;
    }

    /**
     * Takes the first clock-offset estimate now (liblsl needs some hundred milliseconds for it), so that
     * the first pulls are not held up by it. Optional: without it the first {@link #afterPull} does it.
     */
    public void warmUp() {
        refreshCorrection(Lsl.localClock());
    }

    private void refreshCorrection(double now) {
        nextRefresh = now + CORRECTION_REFRESH_SECONDS;
        try {
            TimeCorrection c = inlet.timeCorrection(historyCount == 0 ? 2.0 : 0.1);
            offset = c.offset();
            uncertainty = c.uncertainty();
            int slot = historyCount % HISTORY;
            offsetTimes[slot] = now;
            offsets[slot] = offset;
            uncertainties[slot] = uncertainty;
            historyCount++;
        } catch (LslTimeoutException | LslLostException e) {
            // keep the last estimate; the watch reports the outage itself
        }
    }

    private static boolean sourceStillPresent(StreamInfo info) {
        String pred = info.sourceId().isEmpty()
                ? "name='" + info.name() + "' and type='" + info.type() + "'"
                : "source_id='" + info.sourceId() + "'";
        var found = Resolver.byPredicate(pred, 1, 1.0);
        found.forEach(StreamInfo::close);
        return !found.isEmpty();
    }

    public StreamWatch watch() {
        return watch;
    }

    /** The clock offset currently applied (seconds). */
    public double offset() {
        return offset;
    }

    /** Its uncertainty (seconds), NaN before the first estimate. */
    public double uncertainty() {
        return uncertainty;
    }

    /** Number of offset estimates taken so far; the last {@code min(count, 64)} are kept. */
    public int offsetCount() {
        return historyCount;
    }

    /** The {@code k}-th most recent offset estimate as {local time, offset, uncertainty}. */
    public double[] offsetAt(int k) {
        if (k < 0 || k >= Math.min(historyCount, HISTORY)) {
            throw new IndexOutOfBoundsException(k);
        }
        int slot = (historyCount - 1 - k) % HISTORY;
        return new double[]{offsetTimes[slot], offsets[slot], uncertainties[slot]};
    }
}
