package org.frisson.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.sim.EegModel;
import org.frisson.sim.ListenerPlan;
import org.frisson.sim.MusicScore;
import org.frisson.sim.MusicSynth;
import org.frisson.sim.PulseModel;
import org.frisson.sim.SignalModel;
import org.frisson.sim.SkinConductanceModel;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The other side of {@code frisson bench pipeline}, run as its own process: publishes the load (EEG,
 * many wearables, audio) in real time in 10 ms chunks, reads the pipeline's output, and measures for
 * every output sample the time from the push of the newest input it depends on to its pull.
 *
 * <p>Protocol on stdin/stdout: prints {@code READY} once its outlets exist, starts pushing on a
 * {@code GO} line, prints one JSON line with the results when done.
 */
public final class PipelinePeer {

    private static final double TICK_SECONDS = 0.010;

    private record Feed(StreamInfo info, Outlet outlet, SignalModel model, double rate, double[] values,
                        float[] floats, double[] stamps, long[] next) {
    }

    public static void main(String[] args) throws Exception {
        String session = arg(args, "--session", "bench");
        int eegChannels = Integer.parseInt(arg(args, "--eeg-channels", "64"));
        double eegRate = Double.parseDouble(arg(args, "--eeg-rate", "1000"));
        int wearables = Integer.parseInt(arg(args, "--wearables", "100"));
        int audioRate = Integer.parseInt(arg(args, "--audio-rate", "48000"));
        double warmup = Double.parseDouble(arg(args, "--warmup", "5"));
        double seconds = Double.parseDouble(arg(args, "--seconds", "30"));
        String output = arg(args, "--output", "frisson.features.bench");

        MusicScore score = MusicScore.demoPiece();
        List<Feed> feeds = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < eegChannels; c++) {
            labels.add(c < EegModel.DEAP_CHANNELS.size() ? EegModel.DEAP_CHANNELS.get(c) : "E" + (c + 1));
        }
        feeds.add(feed("bench-eeg", "EEG", session + "-eeg", eegRate, labels, new EegModel(score, eegChannels, 1)));
        for (int w = 0; w < wearables; w++) {
            ListenerPlan plan = ListenerPlan.plan(score, 100 + w);
            if (w % 2 == 0) {
                feeds.add(feed(String.format("bench-gsr-%03d", w), "GSR", String.format("%s-gsr-%03d", session, w), 32,
                        List.of("GSR"), new SkinConductanceModel(plan, score.length(), w)));
            } else {
                feeds.add(feed(String.format("bench-ppg-%03d", w), "PPG", String.format("%s-ppg-%03d", session, w), 64,
                        List.of("PPG"), new PulseModel(score, plan, w)));
            }
        }
        float[] music = MusicSynth.render(score, audioRate, 1);
        feeds.add(feed("bench-audio", "Audio", session + "-audio", audioRate, List.of("mono"), new SignalModel() {
            @Override
            public void sample(double t, double[] out, int offset) {
                out[offset] = music[(int) (Math.round(t * audioRate) % music.length)];
            }

            @Override
            public int channels() {
                return 1;
            }
        }));
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (!"GO".equals(line)) {
            System.err.println("peer: expected GO, got " + line);
            System.exit(2);
        }
        for (Feed f : feeds) {
            if (!f.outlet.waitForConsumers(10)) {
                System.err.println("peer: nobody subscribed to " + f.info.name());
            }
        }
        StreamInfo out = Resolver.first("name='" + output + "'", 10)
                .orElseThrow(() -> new IllegalStateException("pipeline output " + output + " not found"));
        Inlet outputInlet = Inlet.open(out);
        outputInlet.openStream(5);
        int outWidth = out.channelCount();
        // outputs are read on a thread of their own, stamped the moment they arrive (the pushing loop is
        // busy generating the load and would add its own delay)
        List<double[]> outputs = java.util.Collections.synchronizedList(new ArrayList<>()); // {stamp, pullTime}
        boolean[] reading = {true};
        Thread reader = new Thread(() -> {
            double[] outValues = new double[outWidth * 64];
            double[] outStamps = new double[64];
            while (reading[0]) {
                int n = outputInlet.pullAvailable(outValues, outStamps, 0.1);
                double pulled = Lsl.localClock();
                for (int i = 0; i < n; i++) {
                    outputs.add(new double[]{outStamps[i], pulled});
                }
            }
        }, "peer-output-reader");
        reader.setPriority(Thread.MAX_PRIORITY);
        reader.start();

        int streams = feeds.size();
        int maxTicks = (int) ((warmup + seconds) / TICK_SECONDS) + 200;
        double[] tickTime = new double[maxTicks];
        double[][] tickLast = new double[streams][maxTicks];
        int ticks = 0;
        double cpu0 = cpuSeconds();
        double t0 = Lsl.localClock();
        double end = t0 + warmup + seconds;
        double nextTick = t0;
        while (true) {
            double now = Lsl.localClock();
            if (now >= nextTick && ticks < maxTicks && now < end) {
                for (int s = 0; s < streams; s++) {
                    tickLast[s][ticks] = push(feeds.get(s), t0, now);
                }
                tickTime[ticks++] = Lsl.localClock();
                nextTick += TICK_SECONDS;
            }
            if (now >= end + 2.0) {
                break;
            }
            double wait = Math.min(nextTick, end + 2.0) - Lsl.localClock();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos((long) (wait * 1e9));
            }
        }
        reading[0] = false;
        reader.join(2000);
        double peerCpu = cpuSeconds() - cpu0;

        // latency of each output stamped after the warm-up and before the last 2 s of pushing (frames at the
        // very end wait out their timeout for samples that never come: an artefact of stopping)
        List<Double> lat = new ArrayList<>();
        for (double[] o : List.copyOf(outputs)) {
            double stamp = o[0];
            if (stamp < t0 + warmup || stamp > end - 2.0) {
                continue;
            }
            double dep = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < streams; s++) {
                double r = feeds.get(s).rate;
                double need = t0 + Math.floor((stamp - t0) * r + 1e-6) / r;
                int j = firstAtLeast(tickLast[s], ticks, need - 1e-9);
                if (j < ticks) {
                    dep = Math.max(dep, tickTime[j]);
                }
            }
            lat.add(o[1] - dep);
        }
        double[] l = lat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        ObjectMapper m = new ObjectMapper();
        ObjectNode r = m.createObjectNode();
        r.put("outputs", l.length);
        r.put("latency_p50_ms", pct(l, 0.5) * 1e3);
        r.put("latency_p99_ms", pct(l, 0.99) * 1e3);
        r.put("latency_p999_ms", pct(l, 0.999) * 1e3);
        r.put("latency_max_ms", l.length == 0 ? Double.NaN : l[l.length - 1] * 1e3);
        r.put("peer_cpu_seconds", peerCpu);
        ObjectNode pushed = r.putObject("pushed");
        for (Feed f : feeds) {
            pushed.put(f.info.name(), f.next[0]);
        }
        System.out.println(m.writeValueAsString(r));
        System.out.flush();
        outputInlet.close();
        for (Feed f : feeds) {
            f.outlet.close();
        }
    }

    private static Feed feed(String name, String type, String sourceId, double rate, List<String> labels,
                             SignalModel model) {
        StreamInfo.Builder b = StreamInfo.builder(name, type).channelCount(model.channels()).rate(rate)
                .format(ChannelFormat.FLOAT32).sourceId(sourceId);
        for (String l : labels) {
            b.channel(l, "", type);
        }
        StreamInfo info = b.build();
        int max = (int) Math.ceil(rate * 0.2) + 1;
        return new Feed(info, Outlet.open(info), model, rate, new double[max * model.channels()],
                new float[max * model.channels()], new double[max], new long[1]);
    }

    /** Pushes what is due; returns the stamp of the newest sample pushed so far. */
    private static double push(Feed f, double t0, double now) {
        long due = (long) Math.floor((now - t0) * f.rate) + 1;
        int ch = f.model.channels();
        while (f.next[0] < due) {
            int n = (int) Math.min(f.stamps.length, due - f.next[0]);
            for (int i = 0; i < n; i++) {
                double t = (f.next[0] + i) / f.rate;
                f.stamps[i] = t0 + t;
                f.model.sample(t, f.values, i * ch);
            }
            for (int i = 0; i < n * ch; i++) {
                f.floats[i] = (float) f.values[i];
            }
            f.outlet.push(f.floats, n, f.stamps);
            f.next[0] += n;
        }
        return t0 + (f.next[0] - 1) / f.rate;
    }

    private static int firstAtLeast(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] >= v) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static String arg(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }

    private PipelinePeer() {
    }
}
