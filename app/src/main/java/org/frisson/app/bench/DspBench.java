package org.frisson.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code frisson bench dsp}: {@link DspFeatureBenchmark} under JMH with the GC profiler, the Python
 * reference implementations timed on the same work, their ratio, and the share of one core that the demo
 * profile's features need (32 ch EEG at 128 Hz, GSR 32 Hz, PPG 64 Hz, 16 kHz audio to MusiCNN log-mel,
 * latent transitions on two MusiCNN results a second).
 */
public final class DspBench {

    /** One measured unit of work: the JMH benchmark, its unit, and the Python timing key for the same work. */
    record Item(String benchmark, String unit, String pythonKey, double unitsPerSecondInDemo) {
    }

    static final List<Item> ITEMS = List.of(
            new Item("deHop32ch128Hz", "hop (32 ch x 250 ms at 128 Hz)", "de_hop_32ch_128hz", 4),
            new Item("deHop64ch1kHz", "hop (64 ch x 250 ms at 1 kHz)", "de_hop_64ch_1000hz", 0),
            new Item("edaPerSample", "sample (32 Hz GSR)", "eda_per_sample", 32),
            new Item("ppgPerSample", "sample (64 Hz PPG)", "ppg_per_sample", 64),
            new Item("logMelMusicnnPerSecond", "second of 16 kHz audio", "logmel_musicnn_per_second", 1),
            new Item("logMelVggishPerSecond", "second of 16 kHz audio", "logmel_vggish_per_second", 0),
            new Item("resample48kTo16kPerSecond", "second of 48 kHz audio", "resample_48000_to_16000_per_second", 0),
            new Item("resample44k1To16kPerSecond", "second of 44.1 kHz audio", "resample_44100_to_16000_per_second", 0),
            new Item("latentMusicnnPerResult", "MusiCNN result (200 values, 2/s)", "latent_musicnn_per_result", 2),
            new Item("latentEncodecPerFrame", "Encodec frame (128 values, 75/s)", "latent_encodec_per_frame", 0));

    private final PrintWriter out;
    private final boolean quick;
    private final Path home;

    public DspBench(PrintWriter out, boolean quick, Path home) {
        this.out = out;
        this.quick = quick;
        this.home = home;
    }

    /** Runs everything and returns the report (also printed). */
    public ObjectNode run(ObjectMapper mapper) throws RunnerException, IOException, InterruptedException {
        Map<String, double[]> java = runJmh(); // name -> {us per op, error, bytes per op}
        Map<String, Double> python = runPython(mapper);
        ObjectNode report = mapper.createObjectNode();
        report.put("benchmark", "dsp");
        report.put("java", System.getProperty("java.version"));
        report.put("cores", Runtime.getRuntime().availableProcessors());
        ArrayNode rows = report.putArray("features");
        double demoSecondsPerSecond = 0;
        out.printf("%-28s %-32s %12s %12s %10s %10s%n", "feature", "unit", "Frisson us", "alloc B", "Python us",
                "Python/Fr");
        for (Item item : ITEMS) {
            double[] j = java.get(item.benchmark());
            if (j == null) {
                throw new IllegalStateException("JMH gave no result for " + item.benchmark());
            }
            Double py = python.get(item.pythonKey());
            double pyUs = py == null ? Double.NaN : py * 1e6;
            double ratio = pyUs / j[0];
            out.printf("%-28s %-32s %12.3f %12.1f %10.3f %9.1fx%n", item.benchmark(), item.unit(), j[0], j[2], pyUs, ratio);
            ObjectNode o = rows.addObject();
            o.put("benchmark", item.benchmark());
            o.put("unit", item.unit());
            o.put("frisson_us", j[0]);
            o.put("frisson_us_error", j[1]);
            o.put("bytes_allocated", j[2]);
            o.put("python_us", pyUs);
            o.put("python_over_frisson", ratio);
            demoSecondsPerSecond += item.unitsPerSecondInDemo() * j[0] * 1e-6;
        }
        out.printf("demo profile (32 ch EEG 128 Hz DE every 250 ms, GSR 32 Hz, PPG 64 Hz, MusiCNN log-mel of 16 kHz"
                + " audio, latent transitions): %.4f%% of one core%n", 100 * demoSecondsPerSecond);
        double[] r48 = java.get("resample48kTo16kPerSecond");
        out.printf("  plus resampling 48 kHz audio to 16 kHz: %.4f%% of one core%n",
                100 * (demoSecondsPerSecond + r48[0] * 1e-6));
        report.put("demo_profile_core_fraction", demoSecondsPerSecond);
        report.put("demo_profile_with_48k_resampling_core_fraction", demoSecondsPerSecond + r48[0] * 1e-6);
        out.flush();
        return report;
    }

    private Map<String, double[]> runJmh() throws RunnerException {
        OptionsBuilder opts = new OptionsBuilder();
        opts.include(DspFeatureBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(quick ? 2 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .timeUnit(TimeUnit.MICROSECONDS)
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-Xmx1g");
        Map<String, double[]> results = new LinkedHashMap<>();
        for (RunResult r : new Runner(opts.build()).run()) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            results.put(name, new double[]{primary.getScore(), primary.getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()});
        }
        return results;
    }

    private Map<String, Double> runPython(ObjectMapper mapper) throws IOException, InterruptedException {
        Path python = home.resolve(".frisson/venv/bin/python");
        Path script = home.resolve("dsp/python/frisson_reference.py");
        if (!Files.isExecutable(python) || !Files.isRegularFile(script)) {
            throw new IllegalStateException("the Python comparison needs " + python + " and " + script
                    + ": run scripts/setup --test from the repository");
        }
        Path dir = Files.createTempDirectory("frisson-dsp-bench");
        try {
            List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(), "timing", dir.toString(),
                    quick ? "1" : "0"));
            out.println("timing the Python references (NeuroKit2, librosa, scipy, numpy) on the same work ...");
            out.flush();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("the Python timing failed:\n" + log);
            }
            JsonNode timing = mapper.readTree(dir.resolve("timing.json").toFile());
            Map<String, Double> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : timing.properties()) {
                m.put(e.getKey(), e.getValue().asDouble());
            }
            return m;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
