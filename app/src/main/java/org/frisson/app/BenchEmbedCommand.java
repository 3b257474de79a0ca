package org.frisson.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.app.bench.EmbedThroughput;
import org.frisson.lsl.LslLibrary;
import org.frisson.models.Embedder;
import org.frisson.models.Embedders;
import org.frisson.models.ModelUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** {@code frisson bench embed}: what one music-embedding patch costs on one thread. */
@Command(name = "embed", description = {
        "Music embeddings: per-patch latency (batch 1, p50/p99) and real-time factor on one thread at the given",
        "hop for MusiCNN (exported on first use) and the acoustic embedder; cost of ONNX tensor creation."})
final class BenchEmbedCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchCommand.Common common;

    @Option(names = "--hop", defaultValue = "0.5", description = "Seconds between patches (default: ${DEFAULT-VALUE}).")
    double hop;

    @Option(names = "--models", split = ",", defaultValue = "musicnn,acoustic",
            description = "Embedders to measure (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode report = mapper.createObjectNode();
        report.put("benchmark", "embed");
        report.put("java", System.getProperty("java.version"));
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("threads", 1);
        ArrayNode runs = report.putArray("runs");
        int patches = common.quick ? 100 : 1000;
        try {
            for (String name : models) {
                try (Embedder e = Embedders.open(name, LslLibrary.frissonHome(), List.of(), 1, false, System.err)) {
                    EmbedThroughput.Result r = EmbedThroughput.run(e, patches / 5, patches, hop);
                    out.println("  " + r);
                    out.flush();
                    ObjectNode o = runs.addObject();
                    o.put("model", r.model());
                    o.put("outputs", String.join(",", e.outputs()));
                    o.put("patches", r.patches());
                    o.put("wall_p50_ms", r.wallP50Ms());
                    o.put("wall_p99_ms", r.wallP99Ms());
                    o.put("wall_mean_ms", r.wallMeanMs());
                    o.put("cpu_mean_ms", r.cpuMeanMs());
                    o.put("hop_seconds", r.hopSeconds());
                    o.put("real_time_factor", r.realTime());
                } catch (ModelUnavailableException ex) {
                    out.println("  " + name + ": not measured: " + ex.getMessage());
                }
            }
            double[] tensor = EmbedThroughput.tensorCreationNanos(187 * 96, common.quick ? 20_000 : 200_000);
            out.printf("  tensor creation [1,187x96]: %.0f ns over a direct buffer, %.0f ns from a heap array (copy)%n",
                    tensor[0], tensor[1]);
            report.put("tensor_direct_ns", tensor[0]);
            report.put("tensor_heap_copy_ns", tensor[1]);
            common.writeJson(report, out);
        } catch (IOException e) {
            throw new Frisson.CliException("benchmark I/O failed: " + e.getMessage());
        } catch (ai.onnxruntime.OrtException e) {
            throw new Frisson.CliException("ONNX Runtime failed: " + e.getMessage());
        }
    }
}
