package org.frisson.app.calibrate;

import org.frisson.app.devices.DeviceInputs;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.PipelineConfig;
import org.frisson.pipeline.RecordingFeed;
import org.frisson.calibration.BlockedReadout;
import org.frisson.calibration.EncodingAnalysis;
import org.frisson.calibration.EncodingProfile;
import org.frisson.calibration.EncodingSettings;
import org.frisson.calibration.FileHash;
import org.frisson.calibration.Layer;
import org.frisson.calibration.MedianSplit;
import org.frisson.calibration.RatingMarker;
import org.frisson.calibration.ReadoutScore;
import org.frisson.calibration.Response;
import org.frisson.calibration.Retrieval;
import org.frisson.calibration.RetrievalScore;
import org.frisson.calibration.ShrinkageLda;
import org.frisson.calibration.SubjectProfile;
import org.frisson.lsl.StreamInfo;
import org.frisson.models.AcousticEmbedder;
import org.frisson.models.Embedder;
import org.frisson.models.Embedders;
import org.frisson.models.ModelUnavailableException;
import org.frisson.models.MusicnnExport;
import org.frisson.models.OnnxPredictor;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fits a listener's profile from a calibration recording: the config's pipeline run offline over it (DE,
 * skin conductance, heart rate, slider, the frozen emotion model's EEG latent), the recorded music through
 * every layer of MusiCNN and through the acoustic descriptors, then the readouts (seed 001) and the
 * layer-wise encoding profile (seed 000).
 */
public final class CalibrationFit {

    /** What to fit with. */
    public record Options(String subject, String version, String embeddingModel, double hopSeconds, int permutations,
                          Path home) {
    }

    /** Windows for the readouts: every 4th frame (1 s at the 0.25 s hop), as the training tools' stride. */
    static final int WINDOW_STRIDE = 4;
    /** A window's EEG history (the emotion model's 16 DE frames, 4 s) must lie within its track. */
    static final double WINDOW_HISTORY_SECONDS = 4.0;

    private CalibrationFit() {
    }

    /** Reads the recording and fits everything; {@code log} hears progress and warnings. */
    public static SubjectProfile fit(Path recording, PipelineConfig config, Options o, Consumer<String> out) {
        PipelineConfig cfg = DeviceInputs.recorded(config);
        long start = System.nanoTime();
        Consumer<String> log = line -> out.accept(line.startsWith("calibration: ")
                ? String.format("%s (%.1f s)", line, (System.nanoTime() - start) / 1e9) : line);
        XdfFile xdf;
        try {
            xdf = XdfReader.read(recording, XdfReader.Options.raw());
        } catch (IOException e) {
            throw new IllegalArgumentException(recording + ": " + e.getMessage());
        }
        CalibrationRecording rec = CalibrationRecording.read(xdf, w -> log.accept("WARNING " + w));
        log.accept(String.format("calibration: %d tracks, %d rated", rec.tracks().size(), rec.ratings().size()));

        RecordingFeed feed = RecordingFeed.bind(cfg, xdf);
        List<SubjectProfile.StreamRecord> streams = new ArrayList<>();
        feed.byRole().forEach((role, infos) -> {
            for (StreamInfo s : infos) {
                streams.add(new SubjectProfile.StreamRecord(role, s.name(), s.type(), s.channelCount(), s.nominalRate(),
                        s.channelLabels()));
            }
        });
        Stages stages = new Stages(cfg, feed.byRole());
        FrameTable table = new FrameTable();
        Stages.Found found;
        try (Pipeline p = Pipeline.offline(cfg, feed.byRole(), List.of(table), line -> log.accept("pipeline: " + line))) {
            feed.feed(p);
            p.finish();
            found = stages.find(table, p.stageChannels());
        }
        log.accept("calibration: " + table.rows() + " pipeline frames");

        XdfStream audio = xdf.streams().stream().filter(s -> s.type().equals("Audio")).findFirst().orElseThrow(() ->
                new IllegalArgumentException(recording + ": no Audio stream: the layer-wise encoding needs the music"));
        List<LayerSeries> layers = new ArrayList<>();
        layers.addAll(LayerSeries.compute(audio, new AcousticEmbedder(), o.hopSeconds(), 0, w -> log.accept("WARNING " + w)));
        String embeddingFile = null;
        try (Embedder net = Embedders.open(o.embeddingModel(), o.home(), List.of(), 1, false, new PrintStream(System.err))) {
            log.accept("calibration: the music through every layer of " + o.embeddingModel());
            layers.addAll(LayerSeries.compute(audio, net, o.hopSeconds(), 1, w -> { }));
            if (o.embeddingModel().contains("musicnn")) {
                embeddingFile = MusicnnExport.file(o.home(), o.embeddingModel().startsWith("msd") ? "MSD_musicnn"
                        : "MTT_musicnn").toString();
            }
        } catch (ModelUnavailableException e) {
            log.accept("WARNING " + o.embeddingModel() + " unavailable (" + e.getMessage()
                    + "); the layer profile has the acoustic baseline only");
        }

        double[] grid = grid(layers);
        List<Layer> layerInputs = new ArrayList<>();
        for (LayerSeries l : layers) {
            layerInputs.add(new Layer(l.name(), l.depth(), l.onGrid(grid)));
        }
        List<Response> responses = responses(table, found, grid);
        // a grid point is fitted and tested when it lies in a track and every response has a value there (the
        // features warm up at the start: 10 s of heart beats, a 1 s DE window), so every response is fitted on
        // the same rows
        int[] block = new int[grid.length];
        for (int g = 0; g < grid.length; g++) {
            block[g] = rec.trackAt(grid[g]);
            for (Response r : responses) {
                if (!Double.isFinite(r.values()[g])) {
                    block[g] = -1;
                }
            }
        }
        for (Response r : responses) {
            for (int g = 0; g < grid.length; g++) {
                if (block[g] < 0) {
                    r.values()[g] = 0; // never fitted nor tested; the same rows for all, one decomposition per fold
                }
            }
        }
        EncodingSettings settings = EncodingSettings.defaults(1.0 / o.hopSeconds());
        settings = new EncodingSettings(settings.rate(), settings.maxLagSeconds(), settings.components(),
                settings.lambdas(), settings.innerFolds(), o.permutations(), settings.seed());
        log.accept(String.format("calibration: %d patches per layer; encoding %d layers x %d responses on %d grid points",
                layers.get(0).stamps().length,
                layerInputs.size(), responses.size(), grid.length));
        EncodingProfile encoding = EncodingAnalysis.run(layerInputs, responses, block, settings);
        log.accept("calibration: layer profile fitted");

        Map<String, SubjectProfile.Readout> readouts = readouts(table, found, rec, log);
        Map<String, RetrievalScore> retrieval = retrieval(table, found, rec, layers, stages.musicModel(o.home()), log);

        List<SubjectProfile.ModelRecord> models = new ArrayList<>();
        Path eegModel = stages.eegModel(o.home());
        models.add(new SubjectProfile.ModelRecord("emotion_eeg", eegModel.toString(), FileHash.sha256(eegModel)));
        if (embeddingFile != null) {
            models.add(new SubjectProfile.ModelRecord("embedding", embeddingFile, FileHash.sha256(Path.of(embeddingFile))));
        }
        List<SubjectProfile.TrackRecord> tracks = new ArrayList<>();
        for (CalibrationRecording.Track t : rec.tracks()) {
            RatingMarker r = rec.ratings().get(t.title());
            tracks.add(new SubjectProfile.TrackRecord(t.title(), t.start(), t.end(), r == null ? Double.NaN : r.valence(),
                    r == null ? Double.NaN : r.arousal()));
        }
        return new SubjectProfile(o.subject(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                o.version(), recording.toString(), streams, models,
                found.eegFeatureLabels(), tracks, readouts, encoding, settings, retrieval);
    }

    /** The grid: the network's patch times from where every layer has a patch on. */
    private static double[] grid(List<LayerSeries> layers) {
        LayerSeries longest = layers.get(layers.size() - 1);
        double from = Double.NEGATIVE_INFINITY;
        for (LayerSeries l : layers) {
            if (l.stamps().length == 0) {
                throw new IllegalArgumentException("the recorded music is shorter than one patch of " + l.name());
            }
            from = Math.max(from, l.stamps()[0]);
        }
        double start = from;
        return java.util.Arrays.stream(longest.stamps()).filter(t -> t >= start - 1e-9).toArray();
    }

    /** Phasic skin conductance, heart rate, DE per scalp region and band, and the slider, on the grid. */
    private static List<Response> responses(FrameTable table, Stages.Found found, double[] grid) {
        List<Response> out = new ArrayList<>();
        for (Stages.Column c : found.responses()) {
            out.add(new Response(c.name(), c.unit(), sample(table, grid, c.columns())));
        }
        return out;
    }

    /** The mean of {@code columns} in the newest frame at or before each grid time. */
    static double[] sample(FrameTable table, double[] grid, int[] columns) {
        double[] y = new double[grid.length];
        int row = -1;
        for (int g = 0; g < grid.length; g++) {
            row = table.rowAtOrBefore(grid[g], row);
            if (row < 0) {
                y[g] = Double.NaN;
                continue;
            }
            double sum = 0;
            for (int c : columns) {
                sum += table.value(row, c);
            }
            y[g] = sum / columns.length;
        }
        return y;
    }

    /**
     * Seed 001's retrieval in the frozen model's common space: at every readout window, the EEG latent (what the
     * pipeline published) queries the music latents of all windows, the music branch of the emotion model run here on
     * the mean of the penultimate MusiCNN embeddings whose patch ends in the model's window before it (as the music
     * branch reads them, and as training did); relevant: the same track, or a track on the same side of the
     * listener's median valence or arousal. Empty, with a line saying why, when the music branch cannot run.
     */
    private static Map<String, RetrievalScore> retrieval(FrameTable table, Stages.Found found, CalibrationRecording rec,
                                                         List<LayerSeries> layers, Path musicModel,
                                                         Consumer<String> log) {
        LayerSeries penultimate = layers.stream().filter(l -> l.name().equals("penultimate")).findFirst().orElse(null);
        if (penultimate == null || !java.nio.file.Files.isRegularFile(musicModel)) {
            log.accept("calibration: no retrieval scores (" + (penultimate == null ? "MusiCNN's penultimate layer"
                    : "the music model " + musicModel) + " is not available here)");
            return Map.of();
        }
        List<CalibrationRecording.Track> rated = rec.tracks().stream().filter(t -> rec.ratings().containsKey(t.title()))
                .toList();
        int[] latent = found.latentColumns();
        List<double[]> eeg = new ArrayList<>();
        List<double[]> music = new ArrayList<>();
        List<Integer> blocks = new ArrayList<>();
        try (OnnxPredictor model = OnnxPredictor.open(musicModel, 1)) {
            if (model.inputShape().length != 1 || model.inputShape()[0] != penultimate.values()[0].length
                    || !model.outputs().contains("latent")) {
                log.accept("calibration: no retrieval scores (" + musicModel + " does not take MusiCNN's penultimate"
                        + " layer or has no latent)");
                return Map.of();
            }
            double window = Double.parseDouble(model.metadata("frisson.window_seconds", "4"));
            int k = 0;
            for (int r = 0; r < table.rows(); r++) {
                double t = table.stamp(r);
                int track = ratedTrackAt(rated, t);
                double[] z = track < 0 ? null : row(table, r, latent);
                if (z == null || !finite(z) || k++ % WINDOW_STRIDE != 0 || !meanEmbedding(penultimate, t, window,
                        model.input())) {
                    continue;
                }
                model.run();
                float[] m = model.output(model.outputIndex("latent"));
                double[] mz = new double[m.length];
                for (int i = 0; i < m.length; i++) {
                    mz[i] = m[i];
                }
                eeg.add(z);
                music.add(mz);
                blocks.add(track);
            }
        }
        if (eeg.isEmpty()) {
            log.accept("calibration: no retrieval scores (no window with both latents)");
            return Map.of();
        }
        double[][] similarity = Retrieval.cosine(eeg.toArray(new double[0][]), music.toArray(new double[0][]));
        Map<String, RetrievalScore> out = new LinkedHashMap<>();
        for (String by : List.of("track", SubjectProfile.VALENCE, SubjectProfile.AROUSAL)) {
            int[] group = new int[blocks.size()];
            boolean[] high = by.equals("track") ? null : MedianSplit.high(rated.stream().mapToDouble(t ->
                    by.equals(SubjectProfile.VALENCE) ? rec.ratings().get(t.title()).valence()
                            : rec.ratings().get(t.title()).arousal()).toArray(), by + " ratings");
            for (int i = 0; i < group.length; i++) {
                group[i] = high == null ? blocks.get(i) : high[blocks.get(i)] ? 1 : 0;
            }
            boolean[][] relevant = new boolean[group.length][group.length];
            for (int i = 0; i < group.length; i++) {
                for (int j = 0; j < group.length; j++) {
                    relevant[i][j] = group[i] == group[j];
                }
            }
            RetrievalScore s = Retrieval.score(similarity, relevant, Retrieval.K);
            out.put(by, s);
            log.accept(String.format("calibration: retrieval by %s from EEG queries: P@%d %.3f, mAP %.3f (chance %.3f,"
                    + " %d queries)", by, s.k(), s.precisionAtK(), s.meanAveragePrecision(), s.chance(), s.queries()));
        }
        return out;
    }

    /** The rated track whose readout windows include {@code t} (its EEG history inside the track), or -1. */
    private static int ratedTrackAt(List<CalibrationRecording.Track> rated, double t) {
        int track = -1;
        for (int j = 0; j < rated.size(); j++) {
            if (t >= rated.get(j).start() + WINDOW_HISTORY_SECONDS && t <= rated.get(j).end()) {
                track = j;
            }
        }
        return track;
    }

    /**
     * The mean of {@code layer}'s patches ending in {@code (t - window, t]}, or the newest at or before {@code t}
     * when none does, into {@code into}; false when no patch ends by {@code t}.
     */
    private static boolean meanEmbedding(LayerSeries layer, double t, double window, float[] into) {
        double[] stamps = layer.stamps();
        int newest = -1;
        int count = 0;
        double[] sum = new double[into.length];
        for (int p = 0; p < stamps.length && stamps[p] <= t; p++) {
            newest = p;
            if (stamps[p] > t - window) {
                for (int i = 0; i < into.length; i++) {
                    sum[i] += layer.values()[p][i];
                }
                count++;
            }
        }
        if (newest < 0) {
            return false;
        }
        for (int i = 0; i < into.length; i++) {
            into[i] = (float) (count > 0 ? sum[i] / count : layer.values()[newest][i]);
        }
        return true;
    }

    /** Valence and arousal readouts from the latent and, as a baseline, from DE; blocked by track. */
    private static Map<String, SubjectProfile.Readout> readouts(FrameTable table, Stages.Found found,
                                                                CalibrationRecording rec, Consumer<String> log) {
        List<CalibrationRecording.Track> rated = rec.tracks().stream().filter(t -> rec.ratings().containsKey(t.title()))
                .toList();
        int[] latent = found.latentColumns();
        int[] de = found.deColumns();
        List<double[]> xl = new ArrayList<>();
        List<double[]> xd = new ArrayList<>();
        List<Integer> blocks = new ArrayList<>();
        int k = 0;
        for (int r = 0; r < table.rows(); r++) {
            double t = table.stamp(r);
            int track = ratedTrackAt(rated, t);
            if (track < 0) {
                continue;
            }
            double[] a = row(table, r, latent);
            double[] b = row(table, r, de);
            if (!finite(a) || !finite(b) || k++ % WINDOW_STRIDE != 0) {
                continue;
            }
            xl.add(a);
            xd.add(b);
            blocks.add(track);
        }
        if (xl.isEmpty()) {
            throw new IllegalArgumentException("no readout windows: no frame with the emotion model's latent inside a"
                    + " rated track (is the emotion stage on with 'latent: true'?)");
        }
        int[] block = blocks.stream().mapToInt(Integer::intValue).toArray();
        Map<String, SubjectProfile.Readout> out = new LinkedHashMap<>();
        for (String target : List.of(SubjectProfile.VALENCE, SubjectProfile.AROUSAL)) {
            double[] perTrack = rated.stream().mapToDouble(t -> target.equals(SubjectProfile.VALENCE)
                    ? rec.ratings().get(t.title()).valence() : rec.ratings().get(t.title()).arousal()).toArray();
            boolean[] trackHigh = MedianSplit.high(perTrack, target + " ratings");
            boolean[] y = new boolean[block.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = trackHigh[block[i]];
            }
            double median = MedianSplit.median(perTrack);
            out.put(target, readout(target, SubjectProfile.LATENT, found.latentLabels(), xl, y, block, median, log));
            out.put(target + "_de", readout(target, SubjectProfile.DE, found.eegFeatureLabels(), xd, y, block,
                    median, log));
        }
        return out;
    }

    private static SubjectProfile.Readout readout(String target, String features, List<String> labels, List<double[]> rows,
                                                  boolean[] y, int[] block, double median, Consumer<String> log) {
        double[][] x = rows.toArray(new double[0][]);
        int tracks = java.util.Arrays.stream(block).max().orElse(0) + 1;
        ReadoutScore score = BlockedReadout.crossValidate(x, y, block, tracks, 1);
        log.accept(String.format("calibration: %s from %s: window accuracy %.2f [%.2f, %.2f] (%d windows), track accuracy"
                        + " %.2f [%.2f, %.2f] (%d tracks), leave-one-track-out", target, features, score.window().value(),
                score.window().low(), score.window().high(), score.window().n(), score.track().value(),
                score.track().low(), score.track().high(), score.track().n()));
        return new SubjectProfile.Readout(target, features, labels, median, ShrinkageLda.fit(x, y), score);
    }

    private static double[] row(FrameTable table, int r, int[] columns) {
        double[] v = new double[columns.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = table.value(r, columns[i]);
        }
        return v;
    }

    private static boolean finite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
