package org.frisson.app.simulate;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Publishes one synthetic stream at its nominal rate in real time: per channel a sine (1 + channel Hz)
 * plus seeded noise, or for string streams {@code chill_on}/{@code chill_off} markers at irregular
 * (exponential) intervals. Deterministic for a given seed. Pushes are chunked every {@link #TICK_SECONDS}.
 */
public final class SyntheticStream implements Runnable, AutoCloseable {

    /** Push period: samples due since the last push go out as one chunk. */
    public static final double TICK_SECONDS = 0.010;
    /** Mean interval between markers of an irregular stream. */
    public static final double MEAN_MARKER_INTERVAL_SECONDS = 1.0;

    private final StreamInfo info;
    private final Outlet outlet;
    private final SplittableRandom random;
    private final int channels;
    private final double rate;
    private final double durationSeconds;
    private volatile boolean stopped;
    private long pushed;

    /**
     * @param durationSeconds how long to publish; {@code <= 0} until {@link #close()} or interrupt
     */
    public SyntheticStream(Spec spec, double durationSeconds) {
        this.info = spec.toInfo();
        this.outlet = Outlet.open(info);
        this.random = new SplittableRandom(spec.seed);
        this.channels = spec.channels;
        this.rate = spec.rate;
        this.durationSeconds = durationSeconds;
    }

    /** What to publish. */
    public record Spec(String name, String type, int channels, double rate, ChannelFormat format, String sourceId,
                       long seed) {
        StreamInfo toInfo() {
            List<String> labels = new ArrayList<>(channels);
            for (int c = 0; c < channels; c++) {
                labels.add(format == ChannelFormat.STRING ? "marker" : type.toLowerCase() + (c + 1));
            }
            return StreamInfo.builder(name, type).channelCount(channels).rate(rate).format(format)
                    .sourceId(sourceId).channels(labels, format == ChannelFormat.STRING ? "" : "au", type)
                    .desc("manufacturer", "Frisson simulator").build();
        }
    }

    public StreamInfo info() {
        return info;
    }

    public Outlet outlet() {
        return outlet;
    }

    /** Samples pushed so far. */
    public long pushed() {
        return pushed;
    }

    @Override
    public void run() {
        try {
            if (rate > 0) {
                runRegular();
            } else {
                runMarkers();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runRegular() throws InterruptedException {
        int maxChunk = Math.max(1, (int) Math.ceil(rate * 0.5));
        double[] values = new double[maxChunk * channels];
        double[] stamps = new double[maxChunk];
        Object typed = typedBuffer(info.format(), maxChunk * channels);
        double t0 = Lsl.localClock();
        double end = durationSeconds > 0 ? t0 + durationSeconds : Double.POSITIVE_INFINITY;
        while (!stopped) {
            double now = Lsl.localClock();
            long due = (long) Math.floor((Math.min(now, end) - t0) * rate) + 1;
            while (pushed < due) {
                int n = (int) Math.min(maxChunk, due - pushed);
                for (int i = 0; i < n; i++) {
                    long k = pushed + i;
                    double t = k / rate;
                    stamps[i] = t0 + t;
                    for (int c = 0; c < channels; c++) {
                        values[i * channels + c] = 10 * Math.sin(2 * Math.PI * (1 + c) * t) + random.nextGaussian();
                    }
                }
                push(typed, values, n, stamps);
                pushed += n;
            }
            if (now >= end) {
                break;
            }
            Thread.sleep((long) (TICK_SECONDS * 1000));
        }
    }

    private void runMarkers() throws InterruptedException {
        String[] marker = new String[channels];
        double[] stamp = new double[1];
        double t0 = Lsl.localClock();
        double end = durationSeconds > 0 ? t0 + durationSeconds : Double.POSITIVE_INFINITY;
        double next = t0 + exponential();
        while (!stopped) {
            double now = Lsl.localClock();
            if (now >= next && next <= end) {
                java.util.Arrays.fill(marker, pushed % 2 == 0 ? "chill_on" : "chill_off");
                stamp[0] = next;
                outlet.push(marker, 1, stamp);
                pushed++;
                next += exponential();
            }
            if (now >= end) {
                break;
            }
            Thread.sleep((long) (TICK_SECONDS * 1000));
        }
    }

    private double exponential() {
        return -MEAN_MARKER_INTERVAL_SECONDS * Math.log(1 - random.nextDouble());
    }

    private static Object typedBuffer(ChannelFormat format, int n) {
        return switch (format) {
            case FLOAT32 -> new float[n];
            case DOUBLE64 -> null;
            case INT64 -> new long[n];
            case INT32 -> new int[n];
            case INT16 -> new short[n];
            case INT8 -> new byte[n];
            case STRING -> throw new IllegalArgumentException("string streams are irregular markers: use rate 0");
        };
    }

    private void push(Object typed, double[] values, int samples, double[] stamps) {
        int n = samples * channels;
        switch (info.format()) {
            case FLOAT32 -> {
                float[] f = (float[]) typed;
                for (int i = 0; i < n; i++) {
                    f[i] = (float) values[i];
                }
                outlet.push(f, samples, stamps);
            }
            case DOUBLE64 -> outlet.push(values, samples, stamps);
            case INT64 -> {
                long[] l = (long[]) typed;
                for (int i = 0; i < n; i++) {
                    l[i] = Math.round(values[i] * 1000);
                }
                outlet.push(l, samples, stamps);
            }
            case INT32 -> {
                int[] a = (int[]) typed;
                for (int i = 0; i < n; i++) {
                    a[i] = (int) Math.round(values[i] * 1000);
                }
                outlet.push(a, samples, stamps);
            }
            case INT16 -> {
                short[] s = (short[]) typed;
                for (int i = 0; i < n; i++) {
                    s[i] = (short) Math.round(values[i] * 100);
                }
                outlet.push(s, samples, stamps);
            }
            case INT8 -> {
                byte[] b = (byte[]) typed;
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) Math.max(-128, Math.min(127, Math.round(values[i] * 5)));
                }
                outlet.push(b, samples, stamps);
            }
            case STRING -> throw new IllegalStateException();
        }
    }

    /** Stops publishing; the thread running {@link #run()} returns within one tick. */
    public void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        stop();
        outlet.close();
        info.close();
    }
}
