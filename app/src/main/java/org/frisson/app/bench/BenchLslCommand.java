package org.frisson.app.bench;

import org.frisson.app.CliException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.app.bench.LslChunkBenchmark;
import org.frisson.app.bench.LslThroughput;
import org.frisson.lsl.LslLibrary;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** {@code frisson bench lsl}: what one inlet and one outlet cost and sustain. */
@Command(name = "lsl", description = {
        "Chunked pull/push cost and allocation (JMH, GC profiler), and sustained ingest through one inlet:",
        "Frisson's inlet vs a pylsl inlet pulling into numpy, same outlet, same run."})
final class BenchLslCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchCommand.Common common;

    @Option(names = "--channels", defaultValue = "64", description = "Channels of the sustained stream (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--rate", defaultValue = "200000", paramLabel = "HZ",
            description = "Samples/s of the sustained stream (default: ${DEFAULT-VALUE}, i.e. 12.8 M values/s at 64 ch).")
    double rate;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of each sustained run (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--no-jmh", description = "Skip the JMH part.")
    boolean noJmh;


    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode report = mapper.createObjectNode();
        report.put("benchmark", "lsl");
        report.put("java", System.getProperty("java.version"));
        report.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            double secs = common.quick ? Math.min(seconds, 3) : seconds;
            out.printf("sustained ingest: %d ch float32 at %.0f samples/s (%.1f M values/s) for %.0f s%n",
                    channels, rate, channels * rate / 1e6, secs);
            out.flush();
            LslThroughput.Result frisson = LslThroughput.runFrisson(channels, rate, secs);
            out.println("  " + frisson);
            out.flush();
            ArrayNode sustained = report.putArray("sustained");
            sustained.add(mapper.valueToTree(resultNode(mapper, frisson)));
            Path home = LslLibrary.frissonHome();
            Path python = home.resolve(".frisson/venv/bin/python");
            Path script = home.resolve("test/python/bench_pull.py");
            if (!Files.isExecutable(python) || !Files.isRegularFile(script)) {
                throw new CliException("the pylsl comparison needs " + python + " and " + script
                        + ": run scripts/setup --test from the repository");
            }
            LslThroughput.Result pylsl = LslThroughput.runPylsl(python, script, channels, rate, secs);
            out.println("  " + pylsl);
            sustained.add(mapper.valueToTree(resultNode(mapper, pylsl)));
            double ratio = frisson.valuesPerCpuSecond() / pylsl.valuesPerCpuSecond();
            out.printf("  Frisson / pylsl, values per reader CPU-second: %.2fx%n", ratio);
            report.put("frisson_over_pylsl_per_cpu_second", ratio);
            out.flush();

            if (!noJmh) {
                ArrayNode jmh = report.putArray("jmh");
                for (RunResult r : runJmh()) {
                    String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
                    Result<?> primary = r.getPrimaryResult();
                    Result<?> values = r.getSecondaryResults().get("values");
                    Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
                    double opsPerSecond = primary.getScore();
                    out.printf("  %-10s %,12.0f chunks/s (+/- %,.0f) = %6.2f M values/s; %.3f us per chunk;"
                                    + " allocated %.1f bytes per chunk%n", name, opsPerSecond, primary.getScoreError(),
                            values == null ? Double.NaN : values.getScore() / 1e6, 1e6 / opsPerSecond,
                            alloc == null ? Double.NaN : alloc.getScore());
                    ObjectNode o = jmh.addObject();
                    o.put("benchmark", name);
                    o.put("chunk_samples", LslChunkBenchmark.CHUNK);
                    o.put("channels", LslChunkBenchmark.CHANNELS);
                    o.put("chunks_per_second", opsPerSecond);
                    o.put("chunks_per_second_error", primary.getScoreError());
                    o.put("values_per_second", values == null ? Double.NaN : values.getScore());
                    o.put("bytes_allocated_per_chunk", alloc == null ? Double.NaN : alloc.getScore());
                }
                out.flush();
            }
            common.writeJson(report, out);
        } catch (IOException e) {
            throw new CliException("benchmark I/O failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RunnerException e) {
            throw new CliException("JMH failed: " + e.getMessage());
        }
    }

    private static ObjectNode resultNode(ObjectMapper mapper, LslThroughput.Result r) {
        ObjectNode o = mapper.createObjectNode();
        o.put("reader", r.reader());
        o.put("channels", r.channels());
        o.put("rate", r.rate());
        o.put("expected", r.expected());
        o.put("received", r.received());
        o.put("lost", r.lost());
        o.put("out_of_order", r.outOfOrder());
        o.put("wall_seconds", r.wallSeconds());
        o.put("reader_cpu_seconds", r.cpuSeconds());
        o.put("values_per_second", r.valuesPerSecond());
        o.put("values_per_cpu_second", r.valuesPerCpuSecond());
        return o;
    }

    private Collection<RunResult> runJmh() throws RunnerException {
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(LslChunkBenchmark.class.getName())
                .forks(1)
                .warmupIterations(common.quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(common.quick ? 1 : 2))
                .measurementIterations(common.quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(common.quick ? 1 : 2))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-Dfrisson.home=" + LslLibrary.frissonHome(), "-Xmx1g");
        return new Runner(opts.build()).run();
    }
}
