package org.frisson.dashboards;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Sends every page a frame {@link #HZ} times a second from its own thread: reads what is new in the
 * feeds' rings (never blocking their writers), encodes it once, and offers it to each page. A page
 * still busy with its previous frame gets none (counted in {@code frisson.dashboard.frames.dropped})
 * and a full frame as soon as it is free again. The pending ratings go with the next frame a page takes after
 * they changed (and with its first).
 */
final class Broadcaster implements AutoCloseable {

    static final int HZ = 20;
    /** Health, latency and counters go out on every this-many-th frame (and in every full one). */
    static final int HEALTH_EVERY = 5;
    /** Opens every page's stream: how long its browser waits before reconnecting, in milliseconds. */
    private static final byte[] RETRY = "retry: 1000\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final LiveData data;
    private final PendingRatings ratings;
    private final FrameWriter writer;
    private final MeterRegistry registry;
    private final DoubleSupplier clock;
    private final List<EventClient> clients = new CopyOnWriteArrayList<>();
    private final Counter sent;
    private final Counter dropped;
    private final ScheduledExecutorService thread;

    private int epoch = -1;
    private long[] inSent = new long[0];
    private long[] outSent = new long[0];
    private long ticks;

    Broadcaster(LiveData data, PendingRatings ratings, FrameWriter writer, MeterRegistry registry,
                DoubleSupplier clock) {
        this.data = data;
        this.ratings = ratings;
        this.writer = writer;
        this.registry = registry;
        this.clock = clock;
        this.sent = Counter.builder("frisson.dashboard.frames.sent")
                .description("display frames sent to dashboard pages").register(registry);
        this.dropped = Counter.builder("frisson.dashboard.frames.dropped")
                .description("display frames a dashboard page was not ready for (dropped, never queued)")
                .register(registry);
        Gauge.builder("frisson.dashboard.clients", clients, List::size)
                .description("dashboard pages connected").register(registry);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "frisson-dashboard-frames");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(this::safeTick, 0, 1000 / HZ, TimeUnit.MILLISECONDS);
    }

    void add(EventClient client) {
        clients.add(client);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException | Error e) {
            // a failed frame must not stop the next ones
            System.err.println("dashboard: frame failed: " + e);
        }
    }

    private void tick() {
        clients.removeIf(EventClient::closed);
        DecimatedStream[] inputs = data.inputs();
        OutputHistory[] outputs = data.outputs();
        int e = data.epoch();
        if (e != epoch || inSent.length != inputs.length || outSent.length != outputs.length) {
            epoch = e;
            inSent = new long[inputs.length];
            outSent = new long[outputs.length];
            for (EventClient c : clients) {
                c.needsFull = true;
            }
        }
        long[] inTo = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            inTo[i] = inputs[i].head();
        }
        long[] outTo = new long[outputs.length];
        for (int k = 0; k < outputs.length; k++) {
            outTo[k] = outputs[k].head();
        }
        boolean withHealth = ticks++ % HEALTH_EVERY == 0;
        byte[] meta = null;
        byte[] delta = null;
        byte[] full = null;
        FrameWriter.Extras extras = null;
        PendingRatings.Snapshot pending = ratings.snapshot();
        byte[] pendingEvent = null;
        for (EventClient c : clients) {
            byte[] event;
            if (c.needsFull || c.epoch != epoch) {
                if (meta == null) {
                    meta = writer.meta(epoch, inputs, outputs);
                    extras = extras != null ? extras : extras(true);
                    full = writer.frame(true, inputs, fullFrom(inputs, inTo), inTo, outputs, fullFrom(outputs, outTo),
                            outTo, extras);
                }
                event = concat(c.epoch != epoch ? meta : new byte[0], full);
                if (c.epoch == -1) {
                    event = concat(RETRY, event);
                }
            } else {
                if (delta == null) {
                    FrameWriter.Extras x = withHealth ? (extras != null ? extras : extras(true)) : extras(false);
                    delta = writer.frame(false, inputs, inSent, inTo, outputs, outSent, outTo, x);
                }
                event = delta;
            }
            if (c.ratingsVersion != pending.version()) {
                if (pendingEvent == null) {
                    pendingEvent = writer.ratings(pending.tracks());
                }
                event = concat(event, pendingEvent);
            }
            if (c.offer(event)) {
                c.epoch = epoch;
                c.needsFull = false;
                c.ratingsVersion = pending.version();
                sent.increment();
            } else if (!c.closed()) {
                c.needsFull = true;
                dropped.increment();
            }
        }
        inSent = inTo;
        outSent = outTo;
    }

    private static long[] fullFrom(DecimatedStream[] inputs, long[] to) {
        long[] from = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            from[i] = Math.max(0, to[i] - inputs[i].windowPoints);
        }
        return from;
    }

    private static long[] fullFrom(OutputHistory[] outputs, long[] to) {
        long[] from = new long[outputs.length];
        for (int k = 0; k < outputs.length; k++) {
            from[k] = Math.max(0, to[k] - outputs[k].windowSamples);
        }
        return from;
    }

    private FrameWriter.Extras extras(boolean withHealth) {
        double now = clock.getAsDouble();
        if (!withHealth) {
            return new FrameWriter.Extras(now, data.running(), null, null, null, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Timer latency = registry.find("frisson.latency").timer();
        if (latency != null && latency.count() > 0) {
            for (ValueAtPercentile v : latency.takeSnapshot().percentileValues()) {
                if (Math.abs(v.percentile() - 0.5) < 1e-9) {
                    p50 = v.value(TimeUnit.SECONDS);
                } else if (Math.abs(v.percentile() - 0.99) < 1e-9) {
                    p99 = v.value(TimeUnit.SECONDS);
                }
            }
        }
        Counter frames = registry.find("frisson.frames").counter();
        return new FrameWriter.Extras(now, data.running(), data.health(), data.devices(), data.switchedOff(), p50, p99,
                frames == null ? Double.NaN : frames.count(), clients.size(), dropped.count());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Stops sending and ends every page's connection. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.forEach(EventClient::close);
        clients.clear();
    }
}
