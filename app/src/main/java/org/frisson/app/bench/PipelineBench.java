package org.frisson.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.PipelineConfig;
import org.frisson.pipeline.StreamHealth;
import org.frisson.lsl.LslLibrary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sustained ingest through real LSL: this process runs the pipeline of a bench config; a separate
 * {@link PipelinePeer} process publishes the load and measures end-to-end latency. Reported: CPU of the
 * pipeline process, samples lost, latency percentiles, heap allocation rate in steady state, and each
 * stage's time per frame.
 */
public final class PipelineBench {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private PipelineBench() {
    }

    /** Runs the benchmark; returns the report. */
    public static ObjectNode run(Path config, int wearables, int eegChannels, double eegRate, double warmup,
                                 double seconds, Consumer<String> log)
            throws IOException, InterruptedException {
        String session = "frisson-bench-" + ProcessHandle.current().pid();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfrisson.home=" + LslLibrary.frissonHome(), "-cp", System.getProperty("java.class.path"),
                PipelinePeer.class.getName(), "--session", session, "--wearables", Integer.toString(wearables),
                "--warmup", Double.toString(warmup), "--seconds", Double.toString(seconds),
                "--eeg-channels", Integer.toString(eegChannels), "--eeg-rate", Double.toString(eegRate),
                "--output", "frisson.features." + session));
        Process peer = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader fromPeer = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
             Writer toPeer = new OutputStreamWriter(peer.getOutputStream(), StandardCharsets.UTF_8)) {
            if (!"READY".equals(fromPeer.readLine())) {
                throw new IllegalStateException("bench peer did not start");
            }
            PipelineConfig cfg = PipelineConfig.load(config).restrictedTo(session + "-")
                    .withOutputNames("." + session).withExpected("gsr", wearables / 2 + wearables % 2)
                    .withExpected("ppg", wearables / 2);
            try (Pipeline p = Pipeline.start(cfg, new SimpleMeterRegistry(), log)) {
                Thread.sleep(1000); // let every reader subscribe
                toPeer.write("GO\n");
                toPeer.flush();
                Thread.sleep((long) (warmup * 1000));
                double cpu0 = OS.getProcessCpuTime() / 1e9;
                long alloc0 = allocatedBytes();
                long wall0 = System.nanoTime();
                Thread.sleep((long) (seconds * 1000));
                double wall = (System.nanoTime() - wall0) / 1e9;
                double cpu = OS.getProcessCpuTime() / 1e9 - cpu0;
                long alloc = allocatedBytes() - alloc0;
                String json = fromPeer.readLine();
                if (json == null || !peer.waitFor(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("bench peer did not report");
                }
                Thread.sleep(500);
                JsonNode peerReport = new ObjectMapper().readTree(json);
                ObjectMapper m = new ObjectMapper();
                ObjectNode r = m.createObjectNode();
                r.put("config", config.toString());
                r.put("wearable_streams", wearables);
                r.put("eeg", eegChannels + " ch at " + eegRate + " Hz");
                r.put("seconds", wall);
                r.put("cores", Runtime.getRuntime().availableProcessors());
                r.put("pipeline_cpu_percent_of_all_cores", 100 * cpu / wall / Runtime.getRuntime().availableProcessors());
                r.put("pipeline_cpu_percent_of_one_core", 100 * cpu / wall);
                r.put("allocation_mb_per_second", alloc / wall / 1e6);
                long pushed = 0;
                long received = 0;
                long missed = 0;
                long dropped = 0;
                Map<String, Long> byName = new java.util.HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = peerReport.get("pushed").fields(); it.hasNext(); ) {
                    var e = it.next();
                    byName.put(e.getKey(), e.getValue().asLong());
                    pushed += e.getValue().asLong();
                }
                for (StreamHealth h : p.health()) {
                    received += h.samples();
                    missed += h.missedSamples();
                    dropped += h.droppedSamples();
                }
                r.put("samples_pushed", pushed);
                r.put("samples_received", received);
                r.put("samples_lost", pushed - received);
                r.put("samples_missed_in_gaps", missed);
                r.put("samples_dropped_inside", dropped);
                r.put("frames", p.frames());
                r.set("latency_peer", peerReport);
                r.put("latency_internal_p50_ms", p.latencyPercentile(0.5) * 1e3);
                r.put("latency_internal_p99_ms", p.latencyPercentile(0.99) * 1e3);
                ObjectNode stages = r.putObject("stage_time_us_p50_p99");
                p.registry().find("frisson.stage.time").timers().forEach(t -> {
                    var snap = t.takeSnapshot();
                    var pv = snap.percentileValues();
                    stages.put(t.getId().getTag("stage"), String.format("%.1f / %.1f",
                            pv[0].value(TimeUnit.MICROSECONDS), pv[1].value(TimeUnit.MICROSECONDS)));
                });
                return r;
            }
        } finally {
            peer.destroyForcibly();
        }
    }

    private static long allocatedBytes() {
        long[] ids = THREADS.getAllThreadIds();
        long sum = 0;
        for (long b : THREADS.getThreadAllocatedBytes(ids)) {
            if (b > 0) {
                sum += b;
            }
        }
        return sum;
    }
}
