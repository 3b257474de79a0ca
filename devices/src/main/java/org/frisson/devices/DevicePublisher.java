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
 */
public final class DevicePublisher implements AutoCloseable {

    /** Seconds of board time one pull can take (BrainFlow keeps the rest for the next). */
    static final double PULL_SECONDS = 1.0;
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
    /** Seconds of board time over which the clock fit forgets old pulls (1/e). */
    static final double FIT_SECONDS = 30;
    /** Seconds of board time the pulls must span before the clock fit trusts its slope. */
    static final double FIT_MIN_SPAN = 2.0;

    private final BoardSession session;
    private final BoardDescription description;
    private final List<DeviceStream> streams;
    private final List<Outlet> outlets = new ArrayList<>();
    /**
     * Board timestamps (BrainFlow's timestamp row, unix seconds) onto the LSL clock: the board's clock, or the
     * wall clock BrainFlow stamps with, is slewed by NTP while the LSL clock is monotonic. Pulls fade over
     * {@link #FIT_SECONDS} of board time; residuals below 5 ms are never outliers; the slope waits for
     * {@link #FIT_MIN_SPAN} seconds of board time.
     */
    private final LslClockFit fit = new LslClockFit(1, FIT_SECONDS, 0.005, FIT_MIN_SPAN);
    private final PackageCounter packages = new PackageCounter();
    private final Consumer<DeviceReport> reports;
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

    private DevicePublisher(BoardSession session, double reportSeconds, Consumer<DeviceReport> reports) {
        this.session = session;
        this.description = session.description();
        this.streams = DeviceStream.plan(session.board(), session.params(), description, BoardInfo.version());
        this.reports = reports;
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
        this.reportSamples = Math.max(1, Math.round(reportSeconds * Math.max(1, description.samplingRate())));
        this.nextReport = reportSamples;
        this.thread = new Thread(this::run, "frisson-device-" + session.board().name());
        thread.setDaemon(true);
    }

    /**
     * Prepares {@code board}, opens its outlets, starts it and the publishing thread.
     *
     * @param reportSeconds board seconds between reports
     * @param reports       receives the reports (on the publishing thread)
     */
    public static DevicePublisher start(Board board, BoardParams params, double reportSeconds,
                                        Consumer<DeviceReport> reports) {
        BoardDescription d = BoardInfo.describe(board, params);
        int max = (int) Math.max(64, Math.ceil(PULL_SECONDS * Math.max(1, d.samplingRate())));
        BoardSession session = BoardSession.prepare(board, params, max);
        DevicePublisher p = null;
        try {
            p = new DevicePublisher(session, reportSeconds, reports);
            for (DeviceStream ds : p.streams) {
                p.outlets.add(Outlet.open(ds.info()));
            }
            session.start();
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

    private void run() {
        try {
            while (!stopping) {
                if (drainOnce() == 0) {
                    LockSupport.parkNanos(POLL_NANOS);
                }
            }
            session.stop();
            while (drainOnce() > 0) {
                // what the board delivered before it stopped
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            report(true);
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
        return new DeviceReport(session.board().name(), samples / (double) Math.max(1, description.samplingRate()),
                samples, packages.dropped(), packages.gaps(), fit.driftPpm(), fit.jitterRms() * 1e3, fit.outliers(),
                pulls, markers, last, last && failure != null ? String.valueOf(failure.getMessage()) : "");
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

    /** Stops the board, publishes what it still held, releases it and closes the outlets; the final report. */
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
