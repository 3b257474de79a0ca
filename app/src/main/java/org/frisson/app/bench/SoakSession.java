package org.frisson.app.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.app.run.LiveSession;
import org.frisson.dashboards.Dashboard;
import org.frisson.lsl.Lsl;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.StreamHealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A live run watched for a long time: every {@code every} seconds, the heap after the last GC, resident memory,
 * threads, open files, the window's latency percentiles and the samples lost so far (inputs' gaps and drops);
 * {@link #report} sums it up with the memory slopes per hour and the p99 latency at the start and at the end.
 */
final class SoakSession implements LiveSession {

    /** Samples in the first this-many seconds are warm-up (JIT, models, buffers filling) for the slopes. */
    static final double WARMUP_SECONDS = 120;

    private final double every;
    private final LatencyWindow latency = new LatencyWindow();
    private final List<double[]> rows = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "frisson-soak-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile Pipeline pipeline;
    private double start;
    private Consumer<String> log = line -> { };

    SoakSession(double every) {
        this.every = every;
    }

    @Override
    public Pipeline.Taps taps() {
        return new Pipeline.Taps(List.of(), List.of(latency));
    }

    @Override
    public void running(Pipeline p) {
        pipeline = p;
    }

    @Override
    public void started(Dashboard dashboard, Consumer<String> log) {
        this.log = log;
        start = Lsl.localClock();
        latency.take();
        long ms = Math.round(every * 1000);
        sampler.scheduleAtFixedRate(this::sample, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stopped() {
        sampler.shutdown();
        try {
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** t, heap MB, RSS MB, threads, files, GCs, latency n, p50 ms, p99 ms, max ms, missed, dropped, missing frames. */
    private void sample() {
        double[] lat = latency.take();
        long missed = 0;
        long dropped = 0;
        long missing = 0;
        for (StreamHealth h : pipeline.health()) {
            missed += h.missedSamples();
            dropped += h.droppedSamples();
            missing += h.missingFrames();
        }
        double[] row = {Lsl.localClock() - start, ProcessStats.heapAfterGc() / 1e6, ProcessStats.rss() / 1e6,
                ProcessStats.threads(), ProcessStats.openFiles(), ProcessStats.gcCount(), lat[0], lat[1] * 1e3,
                lat[2] * 1e3, lat[3] * 1e3, missed, dropped, missing};
        synchronized (rows) {
            rows.add(row);
        }
        log.accept(String.format(Locale.ROOT, "soak %6.0f s: heap after GC %.1f MB, RSS %.0f MB, %d threads, %d files,"
                        + " latency p50 %.1f ms p99 %.1f ms, %d samples missed, %d dropped", row[0], row[1], row[2],
                (long) row[3], (long) row[4], row[7], row[8], missed, dropped));
    }

    /** Every sample and the summary. */
    ObjectNode report(String what) {
        List<double[]> all;
        synchronized (rows) {
            all = List.copyOf(rows);
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode r = f.objectNode();
        r.put("run", what);
        r.put("sample_seconds", every);
        r.put("cpus", Runtime.getRuntime().availableProcessors());
        ObjectNode s = r.putObject("summary");
        if (!all.isEmpty()) {
            double[] last = all.get(all.size() - 1);
            double[] first = all.get(0);
            s.put("seconds", last[0]);
            s.put("heap_after_gc_slope_mb_per_hour", slopePerHour(all, 1));
            s.put("rss_slope_mb_per_hour", slopePerHour(all, 2));
            s.put("heap_after_gc_mb_first", first[1]);
            s.put("heap_after_gc_mb_last", last[1]);
            s.put("rss_mb_first", first[2]);
            s.put("rss_mb_last", last[2]);
            s.put("threads_first", (long) first[3]);
            s.put("threads_last", (long) last[3]);
            s.put("open_files_first", (long) first[4]);
            s.put("open_files_last", (long) last[4]);
            s.put("p99_ms_first_5_min", medianOf(all, 8, 0, 300));
            s.put("p99_ms_last_5_min", medianOf(all, 8, last[0] - 300, last[0]));
            s.put("p50_ms_first_5_min", medianOf(all, 7, 0, 300));
            s.put("p50_ms_last_5_min", medianOf(all, 7, last[0] - 300, last[0]));
            s.put("samples_missed", (long) last[10]);
            s.put("samples_dropped", (long) last[11]);
            s.put("missing_frames", (long) last[12]);
        }
        ArrayNode samples = r.putArray("samples");
        String[] names = {"t", "heap_after_gc_mb", "rss_mb", "threads", "open_files", "gcs", "latency_n", "p50_ms",
                "p99_ms", "max_ms", "missed", "dropped", "missing_frames"};
        for (double[] row : all) {
            ObjectNode o = samples.addObject();
            for (int i = 0; i < names.length; i++) {
                if (Double.isFinite(row[i])) {
                    o.put(names[i], row[i]);
                } else {
                    o.putNull(names[i]);
                }
            }
        }
        return r;
    }

    /** Least-squares slope of column {@code c} against time, per hour, after the warm-up (all rows if too few). */
    static double slopePerHour(List<double[]> rows, int c) {
        List<double[]> use = rows.stream().filter(r -> r[0] >= WARMUP_SECONDS).toList();
        if (use.size() < 3) {
            use = rows;
        }
        if (use.size() < 2) {
            return Double.NaN;
        }
        double mt = 0;
        double mv = 0;
        for (double[] r : use) {
            mt += r[0];
            mv += r[c];
        }
        mt /= use.size();
        mv /= use.size();
        double stv = 0;
        double stt = 0;
        for (double[] r : use) {
            stv += (r[0] - mt) * (r[c] - mv);
            stt += (r[0] - mt) * (r[0] - mt);
        }
        return stt == 0 ? Double.NaN : stv / stt * 3600;
    }

    /** The median of column {@code c} over rows with {@code from <= t <= to} (NaN if none). */
    static double medianOf(List<double[]> rows, int c, double from, double to) {
        double[] v = rows.stream().filter(r -> r[0] >= from && r[0] <= to && Double.isFinite(r[c]))
                .mapToDouble(r -> r[c]).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
}
