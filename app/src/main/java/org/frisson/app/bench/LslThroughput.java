package org.frisson.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Sustained ingest through one inlet: a paced outlet publishes {@code channels} x float32 at
 * {@code rate} samples/s for a while, channel 0 carrying the sample's sequence number; a reader pulls
 * chunks and checks the sequence has no hole. The same outlet is read once by Frisson's inlet and once
 * by a pylsl inlet pulling into numpy, so the two are compared on the same stream in the same run.
 */
public final class LslThroughput {

    private static final double TICK_SECONDS = 0.001;
    private static final int PULL_SAMPLES = 4096;

    private LslThroughput() {
    }

    /**
     * @param reader       "frisson" or "pylsl"
     * @param expected     samples published
     * @param received     samples pulled
     * @param outOfOrder   samples whose sequence number was not the next one (0 means nothing lost or reordered)
     * @param wallSeconds  first to last sample pulled
     * @param cpuSeconds   CPU time of the reading thread
     */
    public record Result(String reader, int channels, double rate, long expected, long received, long outOfOrder,
                         double wallSeconds, double cpuSeconds) {
        public long lost() {
            return expected - received;
        }

        public double valuesPerSecond() {
            return received * (double) channels / wallSeconds;
        }

        /** Values per second of reader CPU: what one core could sustain. */
        public double valuesPerCpuSecond() {
            return received * (double) channels / cpuSeconds;
        }

        @Override
        public String toString() {
            return String.format("%-8s %d ch @ %.0f Hz: %d/%d samples (lost %d, out of order %d), %.2f M values/s"
                            + " wall, reader CPU %.3f s -> %.1f M values per CPU-second",
                    reader, channels, rate, received, expected, lost(), outOfOrder, valuesPerSecond() / 1e6,
                    cpuSeconds, valuesPerCpuSecond() / 1e6);
        }
    }

    /** Frisson's inlet reads. */
    public static Result runFrisson(int channels, double rate, double seconds) throws InterruptedException {
        String id = "frisson-throughput-" + UUID.randomUUID();
        try (StreamInfo info = info(id, channels, rate); Outlet outlet = Outlet.open(info, 0, 10)) {
            StreamInfo found = Resolver.first("source_id='" + id + "'", 10)
                    .orElseThrow(() -> new IllegalStateException("throughput outlet not visible"));
            try (found; Inlet inlet = Inlet.open(found, Inlet.options().maxBufferSeconds(10))) {
                inlet.openStream(10);
                outlet.waitForConsumers(10);
                long expected = Math.round(rate * seconds);
                Thread pusher = startPusher(outlet, channels, rate, expected);
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                float[] values = new float[PULL_SAMPLES * channels];
                double[] stamps = new double[PULL_SAMPLES];
                long received = 0;
                long disorder = 0;
                double first = Double.NaN;
                double last = 0;
                long cpu0 = mx.getCurrentThreadCpuTime();
                double idleSince = Lsl.localClock();
                while (received < expected && Lsl.localClock() - idleSince < 3.0) {
                    int n = inlet.pull(values, stamps, 0.05);
                    if (n == 0) {
                        continue;
                    }
                    double now = Lsl.localClock();
                    idleSince = now;
                    if (first != first) {
                        first = now;
                    }
                    last = now;
                    for (int i = 0; i < n; i++) {
                        if ((long) values[i * channels] != received + i) {
                            disorder++;
                        }
                    }
                    received += n;
                }
                long cpu = mx.getCurrentThreadCpuTime() - cpu0;
                pusher.join();
                return new Result("frisson", channels, rate, expected, received, disorder, last - first, cpu / 1e9);
            }
        }
    }

    /** A pylsl inlet (in its own Python process) reads; {@code script} is bench_pull.py. */
    public static Result runPylsl(Path python, Path script, int channels, double rate, double seconds)
            throws IOException, InterruptedException {
        String id = "frisson-throughput-py-" + UUID.randomUUID();
        long expected = Math.round(rate * seconds);
        try (StreamInfo info = info(id, channels, rate); Outlet outlet = Outlet.open(info, 0, 10)) {
            Process p = new ProcessBuilder(List.of(python.toString(), script.toString(), "--source-id", id,
                    "--count", Long.toString(expected))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                if (!"READY".equals(line)) {
                    throw new IllegalStateException("pylsl reader did not start (said: " + line + ")");
                }
                outlet.waitForConsumers(10);
                Thread pusher = startPusher(outlet, channels, rate, expected);
                pusher.join();
                String json = out.readLine();
                if (!p.waitFor(30, TimeUnit.SECONDS) || json == null) {
                    throw new IllegalStateException("pylsl reader did not finish");
                }
                JsonNode r = new ObjectMapper().readTree(json);
                return new Result("pylsl", channels, rate, expected, r.get("received").asLong(),
                        r.get("out_of_order").asLong(), r.get("wall").asDouble(), r.get("cpu").asDouble());
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static StreamInfo info(String id, int channels, double rate) {
        return StreamInfo.builder("throughput", "EEG").channelCount(channels).rate(rate)
                .format(ChannelFormat.FLOAT32).sourceId(id).build();
    }

    /** Pushes {@code total} samples paced at {@code rate}, one chunk per millisecond. */
    private static Thread startPusher(Outlet outlet, int channels, double rate, long total) {
        Thread t = new Thread(() -> {
            int maxChunk = (int) Math.ceil(rate * TICK_SECONDS * 50);
            float[] values = new float[maxChunk * channels];
            double[] stamps = new double[maxChunk];
            double t0 = Lsl.localClock();
            long sent = 0;
            while (sent < total) {
                double now = Lsl.localClock();
                long due = Math.min(total, (long) ((now - t0) * rate));
                while (sent < due) {
                    int n = (int) Math.min(maxChunk, due - sent);
                    for (int i = 0; i < n; i++) {
                        values[i * channels] = sent + i;
                        stamps[i] = t0 + (sent + i) / rate;
                    }
                    outlet.push(values, n, stamps);
                    sent += n;
                }
                java.util.concurrent.locks.LockSupport.parkNanos((long) (TICK_SECONDS * 1e9));
            }
        }, "throughput-pusher");
        t.start();
        return t;
    }
}
