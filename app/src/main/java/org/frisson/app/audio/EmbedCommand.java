package org.frisson.app.audio;

import org.frisson.app.CliException;
import org.frisson.app.audio.FileEmbedding;
import org.frisson.app.audio.WavFile;
import org.frisson.lsl.LslLibrary;
import org.frisson.models.Embedder;
import org.frisson.models.EmbedderSpec;
import org.frisson.models.Embedders;
import org.frisson.models.LatentStream;
import org.frisson.models.ModelUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code frisson embed FILE}: a WAV file through a music embedder: top tags and a layer per patch as CSV, or for
 * Encodec the latent per latent frame.
 */
@Command(name = "embed", description = {
        "Embed a WAV file (any rate; resampled to the model's). MusiCNN: 3 s patches, prints the top tags ranked",
        "by the mean taggram over time (as musicnn does) and writes the chosen layer per patch as CSV. Encodec:",
        "the 75 Hz latent, streamed in patches of left context + new audio, one CSV row per latent frame.",
        "Models are exported on first use; where MusiCNN cannot be, the acoustic embedder stands in, and where",
        "Encodec's pretrained weights cannot be had, the random-init export does (each says so)."})
public final class EmbedCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "WAV file.")
    Path file;

    @Option(names = "--model", defaultValue = "musicnn", description = "musicnn (MTT_musicnn), msd-musicnn "
            + "(MSD_musicnn), encodec (24 kHz encoder), encodec-random (its random-init export) or acoustic "
            + "(default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--layer", description = "Output written to --csv (default: penultimate; latent for Encodec, "
            + "also stage4 or lstm; descriptors for acoustic).")
    String layer;

    @Option(names = "--top-tags", defaultValue = "10", description = "Tags to print (default: ${DEFAULT-VALUE}).")
    int topTags;

    @Option(names = "--csv", paramLabel = "OUT", description = "Write the layer per patch (per latent frame for Encodec) here.")
    Path csv;

    @Option(names = "--hop", paramLabel = "SECONDS", description = "Seconds between patches (default: the model's own "
            + "hop, 187 frames = 2.99 s for MusiCNN; 1 s for Encodec, whose patches keep their length, the rest "
            + "being left context).")
    Double hop;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public void run() {
        if (!Embedders.NAMES.contains(model)) {
            throw new CliException("--model must be one of " + Embedders.NAMES + ", got '" + model + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        WavFile wav;
        try {
            wav = WavFile.read(file);
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
        try (Embedder e = Embedders.open(model, LslLibrary.frissonHome(), List.of(), threads, true, System.err)) {
            EmbedderSpec s = e.spec();
            String chosen = layer != null ? layer : s.layers().contains("penultimate") ? "penultimate"
                    : s.layers().contains("latent") ? "latent" : s.layers().get(0);
            if (s.output(chosen) == null) {
                throw new CliException("--layer: " + s.model() + " has no output '" + chosen + "'; it has "
                        + s.outputs().stream().map(EmbedderSpec.Output::name).toList());
            }
            int hopFrames = hop == null ? s.hopFrames() : (int) Math.round(hop * s.frameRate());
            if (hopFrames < 1) {
                throw new CliException("--hop must be at least one frame (" + 1 / s.frameRate() + " s)");
            }
            if (wav.seconds() < s.windowSeconds()) {
                throw new CliException(file + ": " + String.format(Locale.ROOT, "%.2f", wav.seconds())
                        + " s of audio is shorter than one patch (" + s.windowSeconds() + " s)");
            }
            if (s.output(chosen).timeAxis() >= 0) {
                latentFrames(e, wav, chosen, hopFrames, out);
                return;
            }
            FileEmbedding result = FileEmbedding.run(e, wav, hopFrames);
            out.printf(Locale.ROOT, "%s: %.1f s at %d Hz, %d channel(s); %s (%s weights), %d patches of %.2f s every %.2f s%n",
                    file, wav.seconds(), wav.sampleRate(), wav.channels(), s.model(), s.weights(),
                    result.patches().size(), s.windowSeconds(), hopFrames / s.frameRate());
            List<FileEmbedding.Tag> tags = result.topTags(topTags);
            for (int i = 0; i < tags.size(); i++) {
                out.printf(Locale.ROOT, "%3d  %-14s %.4f%n", i + 1, tags.get(i).name(), tags.get(i).score());
            }
            if (csv != null) {
                writeCsv(e, result, chosen, hopFrames);
                out.println("wrote " + csv + " (" + chosen + ", " + s.output(chosen).size() + " values per patch)");
            }
            out.flush();
        } catch (ModelUnavailableException ex) {
            throw new CliException(ex.getMessage());
        } catch (IOException ex) {
            throw new CliException(csv + ": " + ex.getMessage());
        }
    }

    /**
     * Streams the file through {@link LatentStream}: one CSV row per latent frame ({@code frame, start_s, end_s},
     * then the values; frame i covers [i, i + 1) / frame rate and depends on the audio up to its end).
     */
    private void latentFrames(Embedder e, WavFile wav, String chosen, int hopFrames, PrintWriter out)
            throws IOException {
        EmbedderSpec s = e.spec();
        if (hopFrames > s.windowFrames()) {
            throw new CliException(String.format(Locale.ROOT, "--hop: at most the patch, %.2f s, for %s",
                    s.windowSeconds(), s.model()));
        }
        LatentStream stream = new LatentStream(e, chosen, wav.sampleRate(), hopFrames);
        double rate = s.frameRate();
        try (BufferedWriter w = csv == null ? null : Files.newBufferedWriter(csv)) {
            StringBuilder line = new StringBuilder();
            LatentStream.Sink sink = (i, v) -> {
                if (w == null) {
                    return;
                }
                line.setLength(0);
                line.append(i).append(',').append(i / rate).append(',').append((i + 1) / rate);
                for (float x : v) {
                    line.append(',').append(x);
                }
                try {
                    w.write(line.toString());
                    w.newLine();
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            };
            if (w != null) {
                List<String> header = new ArrayList<>(List.of("frame", "start_s", "end_s"));
                for (int i = 0; i < stream.valuesPerFrame(); i++) {
                    header.add(chosen + "_" + i);
                }
                w.write(String.join(",", header));
                w.newLine();
            }
            stream.feed(wav.mono(), 0, wav.mono().length, sink);
            stream.flush(sink);
        } catch (java.io.UncheckedIOException ex) {
            throw ex.getCause();
        }
        out.printf(Locale.ROOT, "%s: %.1f s at %d Hz, %d channel(s); %s (%s weights), %d latent frames at %.0f Hz "
                        + "(patches of %.2f s: %.2f s left context + %.2f s new)%n",
                file, wav.seconds(), wav.sampleRate(), wav.channels(), s.model(), s.weights(), stream.delivered(), rate,
                s.windowSeconds(), stream.contextFrames() / rate, hopFrames / rate);
        if (csv != null) {
            out.println("wrote " + csv + " (" + chosen + ", " + stream.valuesPerFrame() + " values per latent frame)");
        }
        out.flush();
    }

    private void writeCsv(Embedder e, FileEmbedding result, String chosen, int hopFrames) throws IOException {
        int o = e.outputs().indexOf(chosen);
        double rate = e.spec().frameRate();
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            List<String> header = new ArrayList<>(List.of("patch", "start_s", "end_s"));
            for (int i = 0; i < e.outputSize(o); i++) {
                header.add(chosen + "_" + i);
            }
            w.write(String.join(",", header));
            w.newLine();
            int k = 0;
            for (FileEmbedding.Patch p : result.patches()) {
                StringBuilder line = new StringBuilder();
                line.append(k++).append(',').append(p.startFrame() / rate).append(',')
                        .append((p.startFrame() + e.spec().windowFrames()) / rate);
                for (float v : p.outputs()[o]) {
                    line.append(',').append(v);
                }
                w.write(line.toString());
                w.newLine();
            }
        }
    }
}
