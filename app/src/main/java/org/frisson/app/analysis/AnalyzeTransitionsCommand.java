package org.frisson.app.analysis;

import org.frisson.app.CliException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.pipeline.RecordingFeed;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.app.analysis.EpochFigure;
import org.frisson.app.analysis.EventResponse;
import org.frisson.lsl.ChannelFormat;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
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
 * {@code frisson analyze transitions}: seed 002's figure on a recording. Transitions come from the
 * recorded {@code frisson.transitions} stream (or the outputs of an offline run); skin conductance from
 * every GSR/EDA stream; random moments from the span of the recorded music. Stamps are taken as the live
 * pipeline had them (raw plus the recorded clock offsets), so inputs and outputs share one clock.
 */
@Command(name = "transitions", description = {
        "Skin conductance around the music's latent transitions versus random moments of the same music:",
        "mean +- SE curves (CSV, PNG) and a permutation test on the mean after the onset."})
final class AnalyzeTransitionsCommand implements Runnable {

    static final String CSV = "transition_response.csv";
    static final String PNG = "transition_response.png";
    static final String JSON = "transition_response.json";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "REC.xdf", description = "A recording with skin conductance (e.g. from demo --record).")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the CSV, PNG and JSON go.")
    Path out;

    @Option(names = "--transitions", paramLabel = "FILE.xdf",
            description = "Take the transitions from this file (e.g. DIR/outputs.xdf of frisson offline) instead of REC.xdf.")
    Path transitionsFile;

    @Option(names = "--stream", defaultValue = "frisson.transitions", paramLabel = "NAME",
            description = "Name of the transitions marker stream (default: ${DEFAULT-VALUE}).")
    String streamName;

    @CommandLine.Mixin
    EpochOptions epochs = new EpochOptions();

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        EventResponse.Options o = epochs.options();
        XdfFile rec = Recordings.read(file);
        Path markerFile = transitionsFile != null ? transitionsFile : file;
        XdfFile markerXdf = transitionsFile != null ? Recordings.read(transitionsFile) : rec;
        double[] onsets = transitions(markerXdf, markerFile);

        List<EventResponse.Signal> skin = new ArrayList<>();
        for (XdfStream s : rec.streams()) {
            if (Recordings.numeric(s, "GSR", "EDA")) {
                if (s.sampleCount() < 2) {
                    w.println("note: " + file + ": skin conductance stream '" + s.name() + "' has no samples, left out");
                    continue;
                }
                skin.add(new EventResponse.Signal(s.name(), RecordingFeed.localStamps(s),
                        EventResponse.normalise(Recordings.firstChannel(s))));
            }
        }
        double[] span = Recordings.musicSpan(rec);
        boolean music = span != null;
        double musicStart = music ? span[0] : Double.NEGATIVE_INFINITY;
        double musicEnd = music ? span[1] : Double.POSITIVE_INFINITY;
        if (skin.isEmpty()) {
            throw new CliException(file + ": no skin conductance stream (type GSR or EDA) to analyse; streams: "
                    + Recordings.names(rec));
        }
        EventResponse.Result r;
        try {
            r = EventResponse.analyze(skin, onsets, musicStart, musicEnd, o);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
        try {
            Files.createDirectories(out);
            writeCsv(r, out.resolve(CSV));
            EpochFigure.write(r, "Skin conductance around latent transitions: " + file.getFileName(), "latent transitions",
                    "skin conductance (z, baseline t<0 subtracted)", out.resolve(PNG));
            writeJson(r, onsets, skin, music, out.resolve(JSON));
        } catch (IOException e) {
            throw new CliException("writing to " + out + ": " + e.getMessage());
        }
        r.notes().forEach(n -> w.println("note: " + n));
        w.printf(Locale.ROOT, "transitions: %d from '%s' in %s; skin conductance: %s; random moments within the %s%n",
                onsets.length, streamName, markerFile, skin.stream().map(EventResponse.Signal::name).toList(),
                music ? "recorded music" : "skin conductance recording (no Audio stream)");
        w.printf(Locale.ROOT, "epochs: %d around transitions, %d random; mean %.0f..%.0f s after the onset (z, baseline"
                        + " t<0 subtracted): %.3f vs %.3f; one-sided permutation p = %.4g (%d shuffles)%n",
                r.eventEpochs(), r.randomEpochs(), 0.0, epochs.after, r.eventAmplitude(), r.randomAmplitude(), r.p(),
                r.permutations());
        w.println("wrote " + out.resolve(CSV) + ", " + out.resolve(PNG) + " and " + out.resolve(JSON));
        w.flush();
    }

    /** Onsets of the markers that say {@code transition...}, in the stream named {@link #streamName}. */
    private double[] transitions(XdfFile xdf, Path where) {
        XdfStream s = xdf.stream(streamName).orElse(null);
        if (s == null) {
            throw new CliException(where + " has no '" + streamName + "' stream (streams: " + Recordings.names(xdf) + "). "
                    + "Record a session whose config runs the transitions stage (./frisson demo --record FILE.xdf, or"
                    + " ./frisson run --config configs/lab.yaml --record FILE.xdf), or compute them from this"
                    + " recording: ./frisson offline " + where + " --config configs/lab.yaml --out DIR, then add"
                    + " --transitions DIR/outputs.xdf");
        }
        if (s.format() != ChannelFormat.STRING) {
            throw new CliException(where + ": stream '" + streamName + "' holds " + s.format()
                    + ", not string markers");
        }
        double[] t = RecordingFeed.localStamps(s);
        List<Double> onsets = new ArrayList<>();
        for (int i = 0; i < s.sampleCount(); i++) {
            if (s.text(i, 0).startsWith("transition")) {
                onsets.add(t[i]);
            }
        }
        if (onsets.isEmpty()) {
            throw new CliException(where + ": stream '" + streamName + "' has no transition markers ("
                    + s.sampleCount() + " samples); the detector needs some music before its first one");
        }
        return onsets.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void writeCsv(EventResponse.Result r, Path f) throws IOException {
        try (BufferedWriter b = Files.newBufferedWriter(f)) {
            b.write("time,transition_mean,transition_se,random_mean,random_se");
            b.newLine();
            for (int i = 0; i < r.times().length; i++) {
                b.write(r.times()[i] + "," + r.eventMean()[i] + "," + r.eventSe()[i] + "," + r.randomMean()[i]
                        + "," + r.randomSe()[i]);
                b.newLine();
            }
        }
    }

    private void writeJson(EventResponse.Result r, double[] onsets, List<EventResponse.Signal> skin,
                           boolean music, Path f) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("recording", file.toString());
        root.put("transitions_from", (transitionsFile != null ? transitionsFile : file) + " stream " + streamName);
        ArrayNode t = root.putArray("transition_times");
        for (double v : onsets) {
            t.add(v);
        }
        ArrayNode s = root.putArray("skin_conductance_streams");
        skin.forEach(x -> s.add(x.name()));
        root.put("random_moments_within", music ? "recorded music" : "skin conductance recording");
        root.put("before_s", epochs.before);
        root.put("after_s", epochs.after);
        root.put("unit", "z (per-recording z-score, linearly detrended), baseline t<0 subtracted");
        root.put("transition_epochs", r.eventEpochs());
        root.put("random_epochs", r.randomEpochs());
        root.put("transition_post_onset_mean", r.eventAmplitude());
        root.put("random_post_onset_mean", r.randomAmplitude());
        root.put("p_one_sided", r.p());
        root.put("permutations", r.permutations());
        root.put("seed", epochs.seed);
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        Files.writeString(f, m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
