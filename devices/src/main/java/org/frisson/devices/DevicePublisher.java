package org.frisson.devices;

import org.frisson.lsl.Lsl;
import org.frisson.lsl.LslClockFit;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Opens a board and publishes its signals as LSL streams ({@link DeviceStream#plan}) on a thread of its own.
 *
 * <p>The thread pulls what BrainFlow holds every few milliseconds, feeds the newest board timestamp and
 * the LSL time of the pull to an {@link LslClockFit}, stamps every sample with the fitted LSL time of its
 * own board timestamp (never earlier than the sample before), counts dropped packages, and pushes each
 * stream's rows as one chunk. Allocation-free per pull; a {@link DeviceReport} every {@code reportSeconds}
 * of board time and one at the end. {@link #close()} stops the board, publishes what it still held,
 * releases it and closes the outlets.
 *
 * <p>{@link #health()} follows the board: battery, EEG signal quality, packages dropped, reconnections. A board
 * silent for {@link DeviceOptions#reconnectAfter} seconds (out of range, switched off) or failing is released
 * and opened again, with a growing pause between attempts (up to {@link #MAX_RETRY_NANOS}), until it answers or
 * the publisher is closed. Its outlets stay open meanwhile, so readers keep their inlets and see a gap; the
 * clock fit and the package counter start afresh with the new session.
 */
public final class DevicePublisher implements AutoCloseable {

    /** Seconds of board time one pull can take (BrainFlow keeps the rest for the next). */
    static final double PULL_SECONDS = 1.0;
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
    /** Seconds of board time over which the clock fit forgets old pulls (1/e). */
    static final double FIT_SECONDS = 30;
    /** Seconds of board time the pulls must span before the clock fit trusts its slope. */
    static final double FIT_MIN_SPAN = 2.0;

    /** The first pause between attempts to open a board again, doubled after each failure up to the next. */
    static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Replaced only by the publishing thread when it reconnects; read by {@link #close()} after that thread ends. */
    private volatile BoardSession session;
    private final Board board;
    private final BoardParams params;
    private final DeviceOptions options;
    private final BoardDescription description;
    private final List<DeviceStream> streams;
    private final List<Outlet> outlets = new ArrayList<>();
    /**
     * Board timestamps (BrainFlow's timestamp row, unix seconds) onto the LSL clock: the board's clock, or the
     * wall clock BrainFlow stamps with, is slewed by NTP while the LSL clock is monotonic. Pulls fade over
     * {@link #FIT_SECONDS} of board time; residuals below 5 ms are never outliers; the slope waits for
     * {@link #FIT_MIN_SPAN} seconds of board time.
     */
    private LslClockFit fit = newFit();
    private final PackageCounter packages = new PackageCounter();
    private final SignalQuality quality;
    private final DeviceHealth health;
    private final Consumer<DeviceReport> reports;
    private final Consumer<String> events;
    private final long reportSamples;
    private final double[] data;
    private final double[] stamps;
    private final float[][] floatValues;
    private final double[][] doubleValues;
    private final double[] markerValues;
    private final double[] markerStamps;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile DeviceReport lastReport;
    private double lastStamp = Double.NEGATIVE_INFINITY;
    private long samples;
    private long nextReport;
    private long pulls;
    private long markers;
    private boolean closed;

    private DevicePublisher(BoardSession session, DeviceOptions options, Consumer<DeviceReport> reports,
                            Consumer<String> events) {
        this.session = session;
        this.board = session.board();
        this.params = session.params();
        this.options = options;
        this.description = session.description();
        this.streams = DeviceStream.plan(board, params, description, BoardInfo.version());
        this.reports = reports;
        this.events = events;
        int[] eeg = description.eegRows();
        this.quality = new SignalQuality(eeg, Math.max(1, description.samplingRate()));
        this.health = new DeviceHealth(DeviceStream.deviceName(board, params), SignalKind.EEG.labels(description, eeg));
        int max = session.maxSamples();
        this.data = new double[max * session.rows()];
        this.stamps = new double[max];
        this.floatValues = new float[streams.size()][];
        this.doubleValues = new double[streams.size()][];
        for (int s = 0; s < streams.size(); s++) {
            DeviceStream ds = streams.get(s);
            if (ds.info().format() == org.frisson.lsl.ChannelFormat.FLOAT32) {
                floatValues[s] = new float[max * ds.rows().length];
            } else {
                doubleValues[s] = new double[max * ds.rows().length];
            }
        }
        this.markerValues = new double[max];
        this.markerStamps = new double[max];
        this.reportSamples = Math.max(1, Math.round(options.reportSeconds() * Math.max(1, description.samplingRate())));
        this.nextReport = reportSamples;
        this.thread = new Thread(this::run, "frisson-device-" + session.board().name());
        thread.setDaemon(true);
    }

    /**
     * Prepares {@code board}, opens its outlets, starts it and the publishing thread.
     *
     * @param reports receives the reports (on the publishing thread)
     * @param events  receives a line when the board goes away, when an attempt to open it again fails (the
     *                1st, 2nd, 4th, 8th...), and when it is back (on the publishing thread)
     */
    public static DevicePublisher start(Board board, BoardParams params, DeviceOptions options,
                                        Consumer<DeviceReport> reports, Consumer<String> events) {
        BoardDescription d = BoardInfo.describe(board, params);
        int max = (int) Math.max(64, Math.ceil(PULL_SECONDS * Math.max(1, d.samplingRate())));
        BoardSession session = BoardSession.prepare(board, params, max);
        DevicePublisher p = null;
        try {
            p = new DevicePublisher(session, options, reports, events);
            for (DeviceStream ds : p.streams) {
                p.outlets.add(Outlet.open(ds.info()));
            }
            session.start(BoardSession.DEFAULT_RING_SAMPLES, options.streamer(false));
            p.thread.start();
            return p;
        } catch (RuntimeException e) {
            if (p != null) {
                p.outlets.forEach(Outlet::close);
            }
            session.close();
            throw e;
        }
    }

    private static LslClockFit newFit() {
        return new LslClockFit(1, FIT_SECONDS, 0.005, FIT_MIN_SPAN);
    }

    private void run() {
        try {
            long silentFrom = System.nanoTime();
            long silenceNanos = (long) (options.reconnectAfter() * 1e9);
            while (!stopping) {
                int n;
                try {
                    n = drainOnce();
                } catch (BoardException e) {
                    if (!options.reconnects()) {
                        throw e;
                    }
                    reconnect(e.getMessage());
                    silentFrom = System.nanoTime();
                    continue;
                }
                if (n > 0) {
                    silentFrom = System.nanoTime();
                } else if (options.reconnects() && System.nanoTime() - silentFrom > silenceNanos) {
                    reconnect(String.format(java.util.Locale.ROOT, "no data for %.1f s", options.reconnectAfter()));
                    silentFrom = System.nanoTime();
                } else {
                    LockSupport.parkNanos(POLL_NANOS);
                }
            }
            if (!session.closed()) {
                session.stop();
                while (drainOnce() > 0) {
                    // what the board delivered before it stopped
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            health.stopped(failure == null ? "" : String.valueOf(failure.getMessage()));
            report(true);
        }
    }

    /**
     * Releases the session and opens the board again until it answers or the publisher closes; pauses between
     * attempts double from {@link #FIRST_RETRY_NANOS} to {@link #MAX_RETRY_NANOS}.
     */
    private void reconnect(String why) {
        health.reconnecting(why);
        events.accept(health.name() + ": " + why + "; opening it again");
        long from = System.nanoTime();
        closeQuietly(session);
        long pause = FIRST_RETRY_NANOS;
        for (int attempt = 1; !stopping; attempt++) {
            BoardSession next = null;
            try {
                next = BoardSession.prepare(board, params, session.maxSamples());
                next.start(BoardSession.DEFAULT_RING_SAMPLES, options.streamer(true));
                session = next;
                fit = newFit();
                packages.restart();
                quality.reset();
                health.reconnected();
                events.accept(String.format(java.util.Locale.ROOT, "%s: back after %.1f s (%d attempt%s)",
                        health.name(), (System.nanoTime() - from) / 1e9, attempt, attempt == 1 ? "" : "s"));
                return;
            } catch (RuntimeException e) {
                closeQuietly(next);
                if (Integer.bitCount(attempt) == 1) {
                    events.accept(health.name() + ": attempt " + attempt + " to open it again failed: " + e.getMessage());
                }
            }
            long until = System.nanoTime() + pause;
            while (!stopping && System.nanoTime() < until) {
                LockSupport.parkNanos(Math.min(POLL_NANOS * 25, until - System.nanoTime()));
            }
            pause = Math.min(2 * pause, MAX_RETRY_NANOS);
        }
    }

    private static void closeQuietly(BoardSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // releasing a board that is gone can fail; the session is freed either way
            }
        }
    }

    /** Publishes what BrainFlow holds now (up to one pull); returns the samples pushed. */
    int drainOnce() {
        int n = session.pull(data);
        if (n == 0) {
            return 0;
        }
        double now = Lsl.localClock();
        pulls++;
        stamp(n, now);
        int packageRow = description.packageNumRow();
        if (packageRow >= 0) {
            for (int i = 0; i < n; i++) {
                packages.next(data[packageRow * n + i]);
            }
            health.droppedPackages(packages.dropped());
        }
        if (description.batteryRow() >= 0) {
            health.battery(data[description.batteryRow() * n + n - 1]);
        }
        if (quality.add(data, n)) {
            health.quality(quality);
        }
        for (int s = 0; s < streams.size(); s++) {
            DeviceStream ds = streams.get(s);
            if (ds.markers()) {
                pushMarkers(outlets.get(s), ds.rows()[0], n);
            } else if (floatValues[s] != null) {
                float[] v = floatValues[s];
                int[] rows = ds.rows();
                int c = rows.length;
                for (int j = 0; j < c; j++) {
                    int base = rows[j] * n;
                    for (int i = 0; i < n; i++) {
                        v[i * c + j] = (float) data[base + i];
                    }
                }
                outlets.get(s).push(v, n, stamps);
            } else {
                double[] v = doubleValues[s];
                int[] rows = ds.rows();
                int c = rows.length;
                for (int j = 0; j < c; j++) {
                    int base = rows[j] * n;
                    for (int i = 0; i < n; i++) {
                        v[i * c + j] = data[base + i];
                    }
                }
                outlets.get(s).push(v, n, stamps);
            }
        }
        samples += n;
        if (samples >= nextReport) {
            nextReport = samples + reportSamples;
            report(false);
        }
        return n;
    }

    private void stamp(int n, double now) {
        int tsRow = description.timestampRow();
        if (tsRow >= 0) {
            fit.observe(data[tsRow * n + n - 1], now);
            for (int i = 0; i < n; i++) {
                double t = fit.timeOf(data[tsRow * n + i]);
                stamps[i] = t < lastStamp ? lastStamp : t;
                lastStamp = stamps[i];
            }
        } else {
            double period = 1.0 / Math.max(1, description.samplingRate());
            for (int i = 0; i < n; i++) {
                double t = now - (n - 1 - i) * period;
                stamps[i] = t < lastStamp ? lastStamp : t;
                lastStamp = stamps[i];
            }
        }
    }

    private void pushMarkers(Outlet outlet, int row, int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            double v = data[row * n + i];
            if (v != 0) {
                markerValues[m] = v;
                markerStamps[m] = stamps[i];
                m++;
            }
        }
        if (m > 0) {
            markers += m;
            outlet.push(markerValues, m, markerStamps);
        }
    }

    private void report(boolean last) {
        DeviceReport r = snapshot(last);
        lastReport = r;
        if (reports != null) {
            reports.accept(r);
        }
    }

    private DeviceReport snapshot(boolean last) {
        return new DeviceReport(health.name(), samples / (double) Math.max(1, description.samplingRate()),
                samples, packages.dropped(), packages.gaps(), fit.driftPpm(), fit.jitterRms() * 1e3, fit.outliers(),
                pulls, markers, health.battery(), health.signalQuality(), health.reconnects(), last,
                last && failure != null ? String.valueOf(failure.getMessage()) : "");
    }

    /** Puts {@code value} into the marker row of the board's next sample. */
    public void insertMarker(double value) {
        session.insertMarker(value);
    }

    /** The streams published, in order. */
    public List<DeviceStream> streams() {
        return streams;
    }

    /** The published streams' infos. */
    public List<StreamInfo> streamInfos() {
        return streams.stream().map(DeviceStream::info).toList();
    }

    /** The published streams' source_ids. */
    public List<String> sourceIds() {
        return streams.stream().map(ds -> ds.info().sourceId()).toList();
    }

    public BoardDescription description() {
        return description;
    }

    /** The board's health, live. */
    public DeviceHealth health() {
        return health;
    }

    /** The newest report (null before the first). */
    public DeviceReport lastReport() {
        return lastReport;
    }

    /** What ended the publishing thread, if it failed (null while it runs or after a clean stop). */
    public Throwable failure() {
        return failure;
    }

    /** The publishing thread's id (for allocation measurements). */
    long threadId() {
        return thread.getId();
    }

    /** Whether the publishing thread is still running. */
    public boolean running() {
        return thread.isAlive();
    }

    /**
     * Stops the board, publishes what it still held, releases it and closes the outlets; the final report. Waits
     * up to 10 s for the publishing thread (an attempt to open a board again can take BrainFlow's own timeout).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            session.close();
        } finally {
            outlets.forEach(Outlet::close);
        }
    }
}
