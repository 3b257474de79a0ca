package org.frisson.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.frisson.dsp.FeatureFrames;
import org.frisson.dsp.eda.EdaDecomposer;
import org.frisson.dsp.eeg.DifferentialEntropy;
import org.frisson.dsp.eeg.FrequencyBand;
import org.frisson.models.Embedder;
import org.frisson.models.EmbedderSpec;
import org.frisson.models.Embedders;
import org.frisson.models.ModelUnavailableException;
import org.frisson.models.PatchStream;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A labelled synthetic cohort for the training tools, with learnable structure planted the way the
 * simulator plants it in a live session:
 * <ul>
 * <li>emotion: {@code subjects} listeners hear the same {@code trials} tracks (as in DEAP); each track has a
 * valence and an arousal that its sound carries (beat, brightness, major or minor) and that each listener's
 * EEG carries with a strength of their own (alpha suppression and beta/gamma with arousal, frontal alpha
 * asymmetry with valence); listeners rate each track on DEAP's 1–9 scales with a bias and noise of their own.
 * Written: DE frames as Frisson computes them online, the tracks' MusiCNN embeddings, the ratings.</li>
 * <li>chills: {@code participants} listeners hear {@code songs} songs of several sections; their skin
 * conductance responds 1–3 s after section changes and at chills (seed 002). Written: the songs' embeddings,
 * each listener's phasic skin conductance (Frisson's online decomposition) and chill-button state.</li>
 * </ul>
 * Layout and shapes are in the manifest and documented in the training tools' README section.
 */
public final class CohortWriter {

    /** Seconds between DE frames and the DE window (the online defaults). */
    static final double DE_HOP = 0.25;
    static final double DE_WINDOW = 1.0;
    /** Seconds between embedding patches. */
    static final double EMBEDDING_HOP = 0.4;
    static final int EEG_RATE = 128; // DEAP's preprocessed rate (seed 001)
    static final int GSR_RATE = 32;
    static final int GSR_DECIMATION = 8; // 32 Hz -> 4 Hz
    static final int AUDIO_RATE = 16000;
    /** SEED-IV bands (seed 001). */
    static final List<FrequencyBand> BANDS = List.of(new FrequencyBand("delta", 1, 4), new FrequencyBand("theta", 4, 8),
            new FrequencyBand("alpha", 8, 14), new FrequencyBand("beta", 14, 31), new FrequencyBand("gamma", 31, 50));

    public record Options(Path dir, int subjects, int trials, double trialSeconds, int participants, int songs,
                          double songSeconds, String model, long seed) {
    }

    private final Options o;
    private final PrintStream log;
    private final Map<String, Object> manifest = new LinkedHashMap<>();

    private CohortWriter(Options o, PrintStream log) {
        this.o = o;
        this.log = log;
    }

    /** Writes the cohort into {@code o.dir()}; returns the manifest. */
    public static Map<String, Object> write(Options o, PrintStream log) throws IOException, ModelUnavailableException {
        if (o.subjects() < 1 || o.trials() < 4 || o.participants() < 1 || o.songs() < 1 || o.trialSeconds() < 8
                || o.songSeconds() < 20) {
            throw new IllegalArgumentException("a cohort needs at least 1 subject, 4 trials of 8 s, 1 participant and"
                    + " 1 song of 20 s");
        }
        CohortWriter w = new CohortWriter(o, log);
        try (Embedder embedder = Embedders.open(o.model(), org.frisson.lsl.LslLibrary.frissonHome(), List.of(), 1,
                true, log)) {
            w.describe(embedder);
            w.emotion(embedder);
            w.chills(embedder);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.dir().resolve("manifest.json").toFile(),
                w.manifest);
        return w.manifest;
    }

    private void describe(Embedder e) {
        EmbedderSpec spec = e.spec();
        String layer = spec.layers().contains("penultimate") ? "penultimate" : spec.layers().get(0);
        manifest.put("kind", "frisson-simulated-cohort");
        manifest.put("seed", o.seed());
        manifest.put("subjects", o.subjects());
        manifest.put("trials", o.trials());
        manifest.put("trial_seconds", o.trialSeconds());
        manifest.put("de_rate", 1 / DE_HOP);
        manifest.put("de_window_seconds", DE_WINDOW);
        List<String> labels = new ArrayList<>();
        for (String ch : EegModel.DEAP_CHANNELS) {
            for (FrequencyBand b : BANDS) {
                labels.add(ch + "/" + b.name());
            }
        }
        manifest.put("de_labels", labels);
        manifest.put("embedding_rate", 1 / EMBEDDING_HOP);
        manifest.put("embedding_model", spec.model());
        manifest.put("embedding_weights", spec.weights());
        manifest.put("embedding_layer", layer);
        int d = e.outputSize(e.outputs().indexOf(layer));
        List<String> el = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            el.add(layer + "." + i);
        }
        manifest.put("embedding_labels", el);
        manifest.put("participants", o.participants());
        manifest.put("songs", o.songs());
        manifest.put("song_seconds", o.songSeconds());
        manifest.put("gsr_rate", (double) GSR_RATE / GSR_DECIMATION);
    }

    // --- emotion

    private void emotion(Embedder embedder) throws IOException {
        Path dir = o.dir().resolve("emotion");
        SplittableRandom r = new SplittableRandom(o.seed());
        List<MusicScore> tracks = new ArrayList<>();
        float[][] truth = new float[o.trials()][2];
        for (int t = 0; t < o.trials(); t++) {
            // stratified over the four valence x arousal quadrants, so both labels are balanced
            double v = (t % 2 == 0 ? 0.1 : 0.55) + 0.35 * r.nextDouble();
            double a = ((t / 2) % 2 == 0 ? 0.1 : 0.55) + 0.4 * r.nextDouble();
            truth[t][0] = (float) v;
            truth[t][1] = (float) a;
            tracks.add(new MusicScore("track " + (t + 1), 80 + 80 * a,
                    List.of(new Section("track " + (t + 1), 0, o.trialSeconds(), a, v))));
        }
        log.printf("cohort: embedding %d tracks of %.0f s%n", o.trials(), o.trialSeconds());
        List<float[]> music = new ArrayList<>();
        double[] musicTimes = null;
        for (int t = 0; t < o.trials(); t++) {
            Embedded e = embed(embedder, tracks.get(t), o.seed() * 1000 + t);
            music.add(e.values);
            musicTimes = e.times;
        }
        writeAll(dir.resolve("music.npy"), music, o.trials(), musicTimes.length, (long) music.get(0).length / musicTimes.length);
        writeVector(dir.resolve("music_times.npy"), musicTimes);
        writeMatrix(dir.resolve("track_truth.npy"), truth);

        int samples = (int) Math.round(o.trialSeconds() * EEG_RATE);
        int channels = EegModel.DEAP_CHANNELS.size();
        DifferentialEntropy de = DifferentialEntropy.builder(channels, EEG_RATE).windowSeconds(DE_WINDOW)
                .hopSeconds(DE_HOP).bands(BANDS).channelNames(EegModel.DEAP_CHANNELS).build();
        FeatureFrames frames = new FeatureFrames(de.width(), de.maxFrames(samples) + 1);
        double[] eeg = new double[samples * channels];
        double[] row = new double[de.width()];
        int nDe = -1;
        float[][] ratings = new float[o.subjects() * o.trials()][2];
        Path deFile = dir.resolve("de.npy");
        NpyWriter deOut = null;
        try {
            for (int s = 0; s < o.subjects(); s++) {
                SplittableRandom sr = new SplittableRandom(o.seed() * 7919 + s);
                double arousalGain = 0.6 + 0.8 * sr.nextDouble();
                double asymmetry = 0.3 + 0.6 * sr.nextDouble();
                double biasV = 0.5 * sr.nextGaussian();
                double biasA = 0.5 * sr.nextGaussian();
                log.printf("cohort: subject %d of %d%n", s + 1, o.subjects());
                for (int t = 0; t < o.trials(); t++) {
                    EegModel model = new EegModel(tracks.get(t), channels, sr.nextLong(), arousalGain, asymmetry);
                    for (int i = 0; i < samples; i++) {
                        model.sample(i / (double) EEG_RATE, eeg, i * channels);
                    }
                    de.reset();
                    frames.clear();
                    de.process(eeg, 0, samples, frames);
                    if (deOut == null) {
                        nDe = frames.size();
                        deOut = new NpyWriter(deFile, NpyWriter.Type.FLOAT32, o.subjects(), o.trials(), nDe, de.width());
                        double[] times = new double[nDe];
                        for (int f = 0; f < nDe; f++) {
                            times[f] = frames.endSample(f) / (double) EEG_RATE;
                        }
                        writeVector(dir.resolve("de_times.npy"), times);
                    }
                    for (int f = 0; f < nDe; f++) {
                        frames.copyValues(f, row, 0);
                        deOut.write(row, 0, row.length);
                    }
                    // DEAP's 1-9 self-assessment: the track's character, seen through this listener (seed 001)
                    ratings[s * o.trials() + t][0] = (float) rating(truth[t][0], biasV, sr);
                    ratings[s * o.trials() + t][1] = (float) rating(truth[t][1], biasA, sr);
                }
            }
        } finally {
            if (deOut != null) {
                deOut.close();
            }
        }
        try (NpyWriter w = new NpyWriter(dir.resolve("ratings.npy"), NpyWriter.Type.FLOAT32, o.subjects(), o.trials(), 2)) {
            for (float[] x : ratings) {
                w.write(x, 0, 2);
            }
        }
    }

    private static double rating(double planted, double bias, SplittableRandom r) {
        return Math.max(1, Math.min(9, 1 + 8 * planted + bias + 0.8 * r.nextGaussian()));
    }

    // --- chills

    private void chills(Embedder embedder) throws IOException {
        Path dir = o.dir().resolve("chills");
        SplittableRandom r = new SplittableRandom(o.seed() + 17);
        List<MusicScore> songs = new ArrayList<>();
        for (int k = 0; k < o.songs(); k++) {
            songs.add(song(k, r));
        }
        log.printf("cohort: embedding %d songs of %.0f s%n", o.songs(), o.songSeconds());
        List<float[]> emb = new ArrayList<>();
        double[] times = null;
        List<double[]> boundaries = new ArrayList<>();
        for (int k = 0; k < o.songs(); k++) {
            Embedded e = embed(embedder, songs.get(k), o.seed() * 2000 + k);
            emb.add(e.values);
            times = e.times;
            boundaries.add(songs.get(k).transitions());
        }
        writeAll(dir.resolve("embedding.npy"), emb, o.songs(), times.length, (long) emb.get(0).length / times.length);
        writeVector(dir.resolve("embedding_times.npy"), times);
        new ObjectMapper().writeValue(dir.resolve("transitions.json").toFile(), boundaries);

        int samples = (int) Math.round(o.songSeconds() * GSR_RATE);
        int blocks = samples / GSR_DECIMATION;
        double[] gsr = new double[samples];
        double[] tonic = new double[samples];
        double[] phasic = new double[samples];
        float[] out = new float[blocks];
        byte[] held = new byte[blocks];
        double[] gsrTimes = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            gsrTimes[b] = (b + 1) * GSR_DECIMATION / (double) GSR_RATE;
        }
        writeVector(dir.resolve("gsr_times.npy"), gsrTimes);
        try (NpyWriter ph = new NpyWriter(dir.resolve("phasic.npy"), NpyWriter.Type.FLOAT32, o.participants(), o.songs(), blocks);
             NpyWriter ch = new NpyWriter(dir.resolve("chill.npy"), NpyWriter.Type.UINT8, o.participants(), o.songs(), blocks)) {
            for (int p = 0; p < o.participants(); p++) {
                for (int k = 0; k < o.songs(); k++) {
                    long seed = o.seed() * 104729 + p * 1000L + k;
                    ListenerPlan plan = ListenerPlan.plan(songs.get(k), seed);
                    SkinConductanceModel model = new SkinConductanceModel(plan, songs.get(k).length(), seed + 1);
                    double[] one = new double[1];
                    for (int i = 0; i < samples; i++) {
                        model.sample(i / (double) GSR_RATE, one, 0);
                        gsr[i] = one[0];
                    }
                    new EdaDecomposer(GSR_RATE).process(gsr, 0, samples, tonic, phasic, 0);
                    for (int b = 0; b < blocks; b++) {
                        double sum = 0;
                        for (int i = b * GSR_DECIMATION; i < (b + 1) * GSR_DECIMATION; i++) {
                            sum += phasic[i];
                        }
                        out[b] = (float) (sum / GSR_DECIMATION);
                        held[b] = (byte) (plan.chilling(gsrTimes[b]) ? 1 : 0);
                    }
                    ph.write(out, 0, blocks);
                    ch.write(held, 0, blocks);
                }
            }
        }
    }

    /** A song of four to six sections of random character, at least one intense enough for chills. */
    private MusicScore song(int k, SplittableRandom r) {
        int n = 4 + r.nextInt(3);
        double length = o.songSeconds() / n;
        double[] levels = {0.15, 0.3, 0.5, 0.6, 0.9, 1.0};
        List<Section> sections = new ArrayList<>();
        int intense = r.nextInt(n);
        double previous = -1;
        for (int i = 0; i < n; i++) {
            double a;
            do {
                a = i == intense ? (r.nextBoolean() ? 0.9 : 1.0) : levels[r.nextInt(levels.length)];
            } while (a == previous);
            previous = a;
            sections.add(new Section("section " + (i + 1), i * length, length, a, 0.2 + 0.7 * r.nextDouble()));
        }
        return new MusicScore("song " + (k + 1), 120, sections);
    }

    // --- shared

    private record Embedded(float[] values, double[] times) {
    }

    /** The piece rendered at the model's rate, embedded a patch every {@link #EMBEDDING_HOP} s. */
    private Embedded embed(Embedder embedder, MusicScore score, long seed) {
        EmbedderSpec spec = embedder.spec();
        String layer = (String) manifest.get("embedding_layer");
        int li = embedder.outputs().indexOf(layer);
        float[][] out = new float[embedder.outputs().size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[embedder.outputSize(i)];
        }
        float[] audio = MusicSynth.render(score, spec.sampleRate(), seed);
        int hopFrames = (int) Math.round(EMBEDDING_HOP * spec.frameRate());
        PatchStream stream = new PatchStream(spec, spec.sampleRate(), hopFrames);
        List<float[]> values = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        stream.feed(audio, 0, audio.length, (patch, end) -> {
            embedder.embed(patch, out);
            values.add(out[li].clone());
            times.add(end / spec.frameRate()); // the patch's newest frame ends here (centred frames)
        });
        float[] flat = new float[values.size() * out[li].length];
        for (int k = 0; k < values.size(); k++) {
            System.arraycopy(values.get(k), 0, flat, k * out[li].length, out[li].length);
        }
        double[] t = new double[times.size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = times.get(k);
        }
        return new Embedded(flat, t);
    }

    private static void writeAll(Path file, List<float[]> rows, long a, long b, long c) throws IOException {
        try (NpyWriter w = new NpyWriter(file, NpyWriter.Type.FLOAT32, a, b, c)) {
            for (float[] x : rows) {
                w.write(x, 0, x.length);
            }
        }
    }

    private static void writeVector(Path file, double[] v) throws IOException {
        try (NpyWriter w = new NpyWriter(file, NpyWriter.Type.FLOAT32, v.length)) {
            w.write(v, 0, v.length);
        }
    }

    private static void writeMatrix(Path file, float[][] m) throws IOException {
        try (NpyWriter w = new NpyWriter(file, NpyWriter.Type.FLOAT32, m.length, m[0].length)) {
            for (float[] row : m) {
                w.write(row, 0, row.length);
            }
        }
    }
}
