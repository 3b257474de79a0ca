package org.frisson.app.bench;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one chunked pull and one chunked push of 64-channel float32 through real liblsl on this
 * machine, and what each allocates (run with the GC profiler). A background thread keeps the other end
 * busy: a pusher for the pull benchmark, a drainer for the push benchmark.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LslChunkBenchmark {

    /** EEG-cap sized stream. */
    public static final int CHANNELS = 64;
    /** Samples per chunk (32 ms at 1 kHz). */
    public static final int CHUNK = 32;
    private static final double NOMINAL_RATE = 100_000;

    /** Counts values moved, reported by JMH as values per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Values {
        public long values;
    }

    /** One outlet and one connected inlet on this machine. */
    abstract static class Link {
        StreamInfo info;
        Outlet outlet;
        Inlet inlet;
        Thread other;
        volatile boolean running = true;

        void open(String role) {
            String id = "frisson-bench-" + role + "-" + UUID.randomUUID();
            info = StreamInfo.builder("bench-" + role, "EEG").channelCount(CHANNELS).rate(NOMINAL_RATE)
                    .format(ChannelFormat.FLOAT32).sourceId(id).build();
            outlet = Outlet.open(info, 0, 2);
            StreamInfo found = Resolver.first("source_id='" + id + "'", 10)
                    .orElseThrow(() -> new IllegalStateException("bench outlet not visible on LSL"));
            inlet = Inlet.open(found, Inlet.options().maxBufferSeconds(2));
            inlet.openStream(10);
            if (!outlet.waitForConsumers(10)) {
                throw new IllegalStateException("bench inlet did not connect");
            }
        }

        void close() throws InterruptedException {
            running = false;
            other.join(5000);
            inlet.close();
            outlet.close();
            info.close();
        }
    }

    /** The pull side is measured; a thread pushes chunks as fast as liblsl takes them. */
    @State(Scope.Benchmark)
    public static class PullLink extends Link {
        @Setup(Level.Trial)
        public void setUp() {
            open("pull");
            other = new Thread(() -> {
                float[] v = new float[CHANNELS * CHUNK];
                double[] t = new double[CHUNK];
                while (running) {
                    double now = Lsl.localClock();
                    for (int i = 0; i < CHUNK; i++) {
                        t[i] = now;
                    }
                    outlet.push(v, CHUNK, t);
                }
            }, "bench-pusher");
            other.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            close();
        }
    }

    /** The push side is measured; a thread drains the inlet. */
    @State(Scope.Benchmark)
    public static class PushLink extends Link {
        @Setup(Level.Trial)
        public void setUp() {
            open("push");
            other = new Thread(() -> {
                float[] v = new float[CHANNELS * 1024];
                double[] t = new double[1024];
                while (running) {
                    inlet.pull(v, t, 0.05);
                }
            }, "bench-drainer");
            other.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            close();
        }
    }

    /** Buffers owned by the measuring thread. */
    @State(Scope.Thread)
    public static class Buffers {
        final float[] values = new float[CHANNELS * CHUNK];
        final double[] stamps = new double[CHUNK];
    }

    /** Pulls one chunk of {@value #CHUNK} samples (waits until the chunk is full). */
    @Benchmark
    public int pullChunk(PullLink link, Buffers buf, Values counter) {
        int n = link.inlet.pull(buf.values, buf.stamps, 1.0);
        counter.values += (long) n * CHANNELS;
        return n;
    }

    /** Pushes one chunk of {@value #CHUNK} samples with per-sample stamps. */
    @Benchmark
    public void pushChunk(PushLink link, Buffers buf, Values counter) {
        link.outlet.push(buf.values, CHUNK, buf.stamps);
        counter.values += (long) CHUNK * CHANNELS;
    }
}
