package org.frisson.app.streams;

import org.frisson.pipeline.ReplayHeader;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Republishes recorded streams over LSL: each stream through an outlet made from its stored header (so
 * name, type, channels, format, source_id and {@code <desc>} are the original ones), one thread per stream,
 * every sample pushed when its time relative to the recording's first stamp comes (divided by the speed)
 * and stamped with that moment on the local LSL clock.
 */
public final class XdfReplay implements AutoCloseable {

    /** Longest sleep between checks of the stop request. */
    private static final long MAX_SLEEP_NANOS = 20_000_000L;

    private final List<XdfStream> streams;
    private final List<Outlet> outlets = new ArrayList<>();
    private final double speed;
    private final boolean loop;
    private final double t0;
    private final double loopLength;
    private volatile boolean stopped;

    /** Reads a file as replay wants it: clocks synchronized as pyxdf does, the original jitter kept. */
    public static XdfFile read(java.nio.file.Path file) throws java.io.IOException {
        return XdfReader.read(file, XdfReader.Options.defaults().dejitter(false));
    }

    /**
     * @param names the streams to replay by name; empty for all
     * @throws IllegalArgumentException naming the file and stream when a name is not in the file or a stored
     *                                  header does not describe its samples
     */
    public XdfReplay(XdfFile file, List<String> names, double speed, boolean loop) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("--speed must be > 0, got " + speed);
        }
        this.speed = speed;
        this.loop = loop;
        List<XdfStream> chosen = new ArrayList<>();
        for (String n : names) {
            chosen.add(file.stream(n).orElseThrow(() -> new IllegalArgumentException(file.path() + " has no stream '" + n
                    + "' (it has " + file.streams().stream().map(s -> "'" + s.name() + "'").toList() + ")")));
        }
        if (names.isEmpty()) {
            chosen.addAll(file.streams());
        }
        chosen.removeIf(s -> s.sampleCount() == 0);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(file.path() + ": no samples to replay");
        }
        this.streams = chosen;
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        double fastest = 0;
        for (XdfStream s : chosen) {
            first = Math.min(first, s.stamps()[0]);
            last = Math.max(last, s.stamps()[s.sampleCount() - 1]);
            fastest = Math.max(fastest, s.nominalRate());
        }
        this.t0 = first;
        this.loopLength = (last - first) + (fastest > 0 ? 1 / fastest : 1.0);
        try {
            for (XdfStream s : chosen) {
                String source = "XDF file " + file.path() + ", stream '" + s.name() + "'";
                StreamInfo info = StreamInfo.fromXml(source, ReplayHeader.completed(source, s.headerXml()));
                if (info.channelCount() != s.channelCount() || info.format() != s.format()) {
                    info.close();
                    throw new IllegalArgumentException(file.path() + ", stream '" + s.name() + "': the stored header gives "
                            + info.channelCount() + " x " + info.format() + " but the samples are " + s.channelCount()
                            + " x " + s.format());
                }
                outlets.add(Outlet.open(info));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The outlets, in the order of {@link #streams()}. */
    public List<Outlet> outlets() {
        return outlets;
    }

    public List<XdfStream> streams() {
        return streams;
    }

    /** Seconds one pass takes at speed 1. */
    public double span() {
        return loopLength;
    }

    /**
     * Replays until every stream is done (forever with {@code loop}) or {@code stop} says so.
     *
     * @param waitForConsumers seconds to wait for an inlet on every outlet before starting (0: start at once)
     */
    public void run(BooleanSupplier stop, double waitForConsumers) throws InterruptedException {
        double deadline = Lsl.localClock() + waitForConsumers;
        for (Outlet o : outlets) {
            double left = deadline - Lsl.localClock();
            if (left > 0) {
                o.waitForConsumers(left);
            }
        }
        double start = Lsl.localClock() + 0.05;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            XdfStream s = streams.get(i);
            Outlet o = outlets.get(i);
            Thread t = new Thread(() -> play(s, o, start, stop), "replay-" + s.name());
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
            // outlets close after this returns: give inlets a moment to take the last chunks
            for (int i = 0; i < 50 && !stop.getAsBoolean(); i++) {
                Thread.sleep(20);
            }
        } finally {
            stopped = true;
            for (Thread t : threads) {
                t.join(5000);
            }
        }
    }

    private void play(XdfStream s, Outlet o, double start, BooleanSupplier stop) {
        double[] stamps = s.stamps();
        int n = stamps.length;
        int ch = s.channelCount();
        Object values = s.values();
        Object chunk = java.lang.reflect.Array.newInstance(values.getClass().getComponentType(), 1024 * ch);
        double[] due = new double[1024];
        int i = 0;
        for (long pass = 0; !stopped && !stop.getAsBoolean(); ) {
            double base = start + pass * loopLength / speed;
            double now = Lsl.localClock();
            int k = 0;
            while (i + k < n && k < due.length) {
                double at = base + (stamps[i + k] - t0) / speed;
                if (at > now) {
                    break;
                }
                due[k++] = at;
            }
            if (k > 0) {
                System.arraycopy(values, i * ch, chunk, 0, k * ch);
                push(o, chunk, k, due);
                i += k;
            }
            if (i == n) {
                if (!loop) {
                    return;
                }
                pass++;
                i = 0;
                continue;
            }
            if (k < due.length) {
                double next = base + (stamps[i] - t0) / speed;
                long sleep = (long) ((next - Lsl.localClock()) * 1e9);
                LockSupport.parkNanos(Math.max(0, Math.min(sleep, MAX_SLEEP_NANOS)));
            }
        }
    }

    private static void push(Outlet o, Object chunk, int k, double[] stamps) {
        double[] t = Arrays.copyOf(stamps, k);
        switch (o.info().format()) {
            case FLOAT32 -> o.push((float[]) chunk, k, t);
            case DOUBLE64 -> o.push((double[]) chunk, k, t);
            case INT64 -> o.push((long[]) chunk, k, t);
            case INT32 -> o.push((int[]) chunk, k, t);
            case INT16 -> o.push((short[]) chunk, k, t);
            case INT8 -> o.push((byte[]) chunk, k, t);
            case STRING -> o.push((String[]) chunk, k, t);
        }
    }

    @Override
    public void close() {
        stopped = true;
        for (Outlet o : outlets) {
            StreamInfo info = o.info();
            o.close();
            info.close();
        }
        outlets.clear();
    }
}
