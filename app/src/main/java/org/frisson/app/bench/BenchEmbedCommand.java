package org.frisson.app.bench;

import org.frisson.app.CliException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.app.bench.EmbedThroughput;
import org.frisson.app.bench.LatentAgreement;
import org.frisson.sim.MusicScore;
import org.frisson.sim.MusicSynth;
import org.frisson.lsl.LslLibrary;
import org.frisson.models.Embedder;
import org.frisson.models.EmbedderSpec;
import org.frisson.models.Embedders;
import org.frisson.models.ModelUnavailableException;
import org.frisson.models.OnnxEmbedder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/** {@code frisson bench embed}: what one music-embedding patch costs on one thread. */
@Command(name = "embed", description = {
        "Music embeddings: per-patch latency (batch 1, p50/p99) and real-time factor on one thread: MusiCNN at",
        "the given hop, the Encodec encoder streaming (left context + 1 s new per patch) and on 10 s patches,",
        "the acoustic embedder; how far streamed Encodec latents are from the whole signal's per left context;",
        "cost of ONNX tensor creation. Models are exported on first use."})
final class BenchEmbedCommand implements Runnable {

    /** Left contexts, in latent frames, of the streamed-vs-whole Encodec comparison. */
    static final int[] CONTEXTS = {0, 4, 8, 16, 24, 32, 48, 75};
    /** Encodec frames per patch of the no-overlap measurement: 10 s. */
    static final int LONG_PATCH = 750;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchCommand.Common common;

    @Option(names = "--hop", defaultValue = "0.5", description = "Seconds between MusiCNN and acoustic patches "
            + "(default: ${DEFAULT-VALUE}); Encodec runs at its own (1 s new audio per patch).")
    double hop;

    @Option(names = "--models", split = ",", defaultValue = "musicnn,encodec,acoustic",
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
                    if (e.spec().input().equals("waveform") && e instanceof OnnxEmbedder onnx
                            && e.spec().outputs().stream().anyMatch(o -> o.timeAxis() >= 0)) {
                        encoder(onnx, patches / 5, runs, report, out);
                    } else {
                        measure(e, patches, hop, "", runs, out);
                    }
                } catch (ModelUnavailableException ex) {
                    out.println("  " + name + ": not measured: " + ex.getMessage());
                }
            }
            double[] logmel = tensors(187 * 96, "[1,187x96]", out);
            report.put("tensor_direct_ns", logmel[0]);
            report.put("tensor_heap_copy_ns", logmel[1]);
            common.writeJson(report, out);
        } catch (IOException e) {
            throw new CliException("benchmark I/O failed: " + e.getMessage());
        } catch (ai.onnxruntime.OrtException e) {
            throw new CliException("ONNX Runtime failed: " + e.getMessage());
        }
    }

    /** Encodec-like encoders: streaming patches, long patches, streamed-vs-whole agreement, tensor cost. */
    private void encoder(OnnxEmbedder e, int patches, ArrayNode runs, ObjectNode report, PrintWriter out)
            throws ai.onnxruntime.OrtException {
        EmbedderSpec s = e.spec();
        int context = s.windowFrames() - s.hopFrames();
        measure(e, patches, s.hopFrames() / s.frameRate(), " streaming", runs, out)
                .put("context_frames", context).put("new_frames", s.hopFrames()).put("weights", s.weights());
        try (OnnxEmbedder whole = OnnxEmbedder.open(e.file(), List.of(), 1, LONG_PATCH)) {
            measure(whole, Math.max(10, patches / 10), LONG_PATCH / s.frameRate(), " 10 s", runs, out)
                    .put("context_frames", 0).put("new_frames", LONG_PATCH).put("weights", s.weights());
        }
        float[] music = MusicSynth.render(MusicScore.demoPiece(), s.sampleRate(), 1);
        float[] clip = Arrays.copyOfRange(music, 8 * s.sampleRate(), 28 * s.sampleRate()); // across a section change
        ArrayNode sweep = report.putArray(s.model() + "_streamed_vs_whole");
        out.printf("  %s streamed vs whole (20 s of the demo piece, %d new frames per patch, %s weights):%n",
                s.model(), s.hopFrames(), s.weights());
        for (LatentAgreement.Point p : LatentAgreement.sweep(e.file(), "latent", clip, s.hopFrames(), CONTEXTS)) {
            out.printf("    context %3d frames (%.3f s): max |streamed - whole| %.2e (latent max |x| %.3f)%n",
                    p.contextFrames(), p.contextFrames() / s.frameRate(), p.maxAbsDifference(), p.latentMaxAbs());
            sweep.addObject().put("context_frames", p.contextFrames()).put("max_abs_difference", p.maxAbsDifference())
                    .put("latent_max_abs", p.latentMaxAbs());
        }
        double[] waveform = tensors(s.patchValues(), "[1,1," + s.patchValues() + "]", out);
        report.putObject(s.model() + "_tensor").put("values", s.patchValues()).put("direct_ns", waveform[0])
                .put("heap_copy_ns", waveform[1]);
    }

    private ObjectNode measure(Embedder e, int patches, double hopSeconds, String variant, ArrayNode runs,
                               PrintWriter out) {
        EmbedThroughput.Result r = EmbedThroughput.run(e, Math.max(5, patches / 5), patches, hopSeconds);
        out.println("  " + r + variant);
        out.flush();
        ObjectNode o = runs.addObject();
        o.put("model", r.model() + variant);
        o.put("outputs", String.join(",", e.outputs()));
        o.put("patch_seconds", e.spec().windowSeconds());
        o.put("patches", r.patches());
        o.put("wall_p50_ms", r.wallP50Ms());
        o.put("wall_p99_ms", r.wallP99Ms());
        o.put("wall_mean_ms", r.wallMeanMs());
        o.put("cpu_mean_ms", r.cpuMeanMs());
        o.put("hop_seconds", r.hopSeconds());
        o.put("real_time_factor", r.realTime());
        o.put("cpu_real_time_factor", r.hopSeconds() / (r.cpuMeanMs() / 1e3));
        return o;
    }

    /** Nanoseconds to create one input tensor over a direct buffer and from a heap array (rounds scaled to its size). */
    private double[] tensors(int values, String label, PrintWriter out) throws ai.onnxruntime.OrtException {
        int rounds = (int) Math.max(2000, (common.quick ? 20_000L : 200_000L) * (187 * 96) / Math.max(values, 187 * 96));
        double[] tensor = EmbedThroughput.tensorCreationNanos(values, rounds);
        out.printf("  tensor creation %s: %.0f ns over a direct buffer, %.0f ns from a heap array (copy)%n",
                label, tensor[0], tensor[1]);
        out.flush();
        return tensor;
    }
}
