package org.frisson.stages;

import org.frisson.pipeline.OutputListener;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.PipelineConfig;
import org.frisson.sim.EegModel;
import org.frisson.sim.MusicScore;
import org.frisson.sim.MusicSynth;
import org.frisson.sim.Section;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.models.OnnxPredictor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emotion and chill stages on the default models, offline over simulated EEG and music: each prediction
 * is the model run on exactly the upstream results it should see (the newest DE frames, oldest first; the
 * newest embeddings), the predictions follow the planted arousal, and a missing or mismatching model turns
 * its channels off with an error while the rest of the pipeline runs.
 */
class PredictionStagesTest {

    private static final double T0 = 2000.0;
    private static final int AUDIO_RATE = 16000;

    static Path home() {
        return Path.of(System.getProperty("frisson.home"));
    }

    /** Frames of every output: stream name → rows (stamp first), and each output's labels. */
    private static final class Outputs implements OutputListener {
        final List<String> names = new ArrayList<>();
        final Map<String, List<String>> labels = new HashMap<>();
        final Map<String, List<double[]>> rows = new HashMap<>();

        @Override
        public void start(List<StreamInfo> outputs) {
            for (StreamInfo o : outputs) {
                names.add(o.name());
                labels.put(o.name(), o.channelLabels());
                rows.put(o.name(), new ArrayList<>());
            }
        }

        @Override
        public void sample(int output, double stamp, double[] values) {
            double[] r = new double[values.length + 1];
            r[0] = stamp;
            System.arraycopy(values, 0, r, 1, values.length);
            rows.get(names.get(output)).add(r);
        }

        @Override
        public void end() {
        }

        int column(String output, String label) {
            int i = labels.get(output).indexOf(label);
            assertTrue(i >= 0, label + " not in " + labels.get(output));
            return i + 1;
        }
    }

    private static final String STAGES = """
            stages:
              - {name: eeg_de, kind: differential_entropy, input: eeg, window: 1.0}
              - {name: music, kind: embedding, input: audio, model: musicnn, fallback: false, hop: 0.4, tags: 0}
              - {name: emotion, kind: emotion, eeg: eeg_de, music: music%s}
              - {name: chills, kind: chills, music: music%s}
            outputs:
              features: {name: f}
              embedding: {name: e}
              emotion: {name: emo}
              chills: {name: ch}
            """;

    /** Runs 40 s of a piece with an arousal switch at 20 s through the pipeline offline. */
    private static Outputs run(String emotionExtra, String chillExtra, PrintStream log) {
        MusicScore score = new MusicScore("two halves", 120, List.of(new Section("calm", 0, 20, 0.15, 0.3),
                new Section("intense", 20, 20, 0.95, 0.8)));
        String yaml = "pipeline: {hop: 0.25}\ninputs:\n  eeg: {query: \"type='EEG'\"}\n  audio: {query: \"type='Audio'\"}\n"
                + String.format(STAGES, emotionExtra, chillExtra);
        PipelineConfig cfg = PipelineConfig.parse(Path.of("predict.yaml"), yaml);
        StreamInfo.Builder eb = StreamInfo.builder("EEG", "EEG").channelCount(32).rate(128).format(ChannelFormat.FLOAT32);
        EegModel.DEAP_CHANNELS.forEach(c -> eb.channel(c, "microvolts", "EEG"));
        Outputs out = new Outputs();
        try (StreamInfo eegInfo = eb.build();
             StreamInfo audioInfo = StreamInfo.builder("Music", "Audio").channelCount(1).rate(AUDIO_RATE)
                     .format(ChannelFormat.FLOAT32).channel("mono", "", "Audio").build();
             Pipeline p = Pipeline.offline(cfg, Map.of("eeg", List.of(eegInfo), "audio", List.of(audioInfo)),
                     List.of(out), log::println)) {
            float[] audio = MusicSynth.render(score, AUDIO_RATE, 3);
            EegModel eeg = new EegModel(score, 32, 11);
            double[] one = new double[32];
            double[] st = new double[1];
            double[] block = new double[AUDIO_RATE / 128 + 1];
            double[] blockStamps = new double[block.length];
            int perEeg = AUDIO_RATE / 128; // 125 audio samples between EEG samples
            for (int i = 0; i < 40 * 128; i++) {
                for (int k = 0; k < perEeg; k++) {
                    int a = i * perEeg + k;
                    block[k] = audio[a];
                    blockStamps[k] = T0 + a / (double) AUDIO_RATE;
                }
                p.feed(1, perEeg, blockStamps, block, null);
                eeg.sample(i / 128.0, one, 0);
                for (int c = 0; c < 32; c++) {
                    one[c] = (float) one[c];
                }
                st[0] = T0 + i / 128.0;
                p.feed(0, 1, st, one, null);
            }
            p.finish();
        }
        return out;
    }

    @Test
    void predictionsAreTheModelsOnTheNewestUpstreamResultsAndFollowArousal() {
        Path models = home().resolve("models/default");
        Outputs out = run("", "", System.err);
        List<double[]> features = out.rows.get("f");
        List<double[]> emb = out.rows.get("e");
        List<double[]> emo = out.rows.get("emo");
        List<double[]> ch = out.rows.get("ch");
        assertEquals(features.size(), emo.size());
        int eegV = out.column("emo", "eeg.valence");
        int eegA = out.column("emo", "eeg.arousal");
        int musA = out.column("emo", "music.arousal");
        int chillP = out.column("ch", "chill_probability");

        try (OnnxPredictor eegModel = OnnxPredictor.open(models.resolve("emotion_eeg.onnx"), 1);
             OnnxPredictor chillModel = OnnxPredictor.open(models.resolve("chills.onnx"), 1)) {
            int l = eegModel.inputShape()[0];
            int f = eegModel.inputShape()[1];
            int w = chillModel.inputShape()[0];
            int d = chillModel.inputShape()[1];
            int checkedEeg = 0;
            int checkedChill = 0;
            for (int k = l; k < features.size(); k++) {
                // the EEG branch: the newest L DE frames (one per frame here), oldest first
                float[] in = eegModel.input();
                for (int j = 0; j < l; j++) {
                    double[] row = features.get(k - l + 1 + j);
                    for (int i = 0; i < f; i++) {
                        in[j * f + i] = (float) row[1 + i];
                    }
                }
                boolean finite = true;
                for (float v : in) {
                    finite &= Float.isFinite(v);
                }
                if (finite) {
                    eegModel.run();
                    assertEquals(eegModel.output(eegModel.outputIndex("valence"))[0], emo.get(k)[eegV], 0.0, "frame " + k);
                    assertEquals(eegModel.output(eegModel.outputIndex("arousal"))[0], emo.get(k)[eegA], 0.0, "frame " + k);
                    checkedEeg++;
                }
                // the chill predictor: the newest W distinct embeddings, when a new one came at this frame
                if (k > 0 && !sameLayer(emb.get(k), emb.get(k - 1), d) && !Double.isNaN(emb.get(k)[1])) {
                    List<double[]> distinct = new ArrayList<>();
                    for (int j = k; j >= 0 && distinct.size() < w; j--) {
                        if (!Double.isNaN(emb.get(j)[1]) && (distinct.isEmpty()
                                || !sameLayer(distinct.get(distinct.size() - 1), emb.get(j), d))) {
                            distinct.add(emb.get(j));
                        }
                    }
                    if (distinct.size() == w) {
                        float[] x = chillModel.input();
                        for (int j = 0; j < w; j++) {
                            double[] row = distinct.get(w - 1 - j);
                            for (int i = 0; i < d; i++) {
                                x[j * d + i] = (float) row[1 + i];
                            }
                        }
                        chillModel.run();
                        assertEquals(chillModel.output(chillModel.outputIndex("chill"))[0], ch.get(k)[chillP], 0.0,
                                "chill at frame " + k);
                        checkedChill++;
                    }
                }
            }
            assertTrue(checkedEeg > 100, "EEG predictions checked: " + checkedEeg);
            assertTrue(checkedChill > 10, "chill predictions checked: " + checkedChill);
        }
        // the planted arousal: calm first half, intense second half (both branches, averaged per half)
        double[] eegHalves = halves(emo, eegA);
        double[] musicHalves = halves(emo, musA);
        assertTrue(eegHalves[1] > eegHalves[0] + 0.2, "EEG arousal calm/intense " + eegHalves[0] + "/" + eegHalves[1]);
        assertTrue(musicHalves[1] > musicHalves[0] + 0.2, "music arousal calm/intense " + musicHalves[0] + "/" + musicHalves[1]);
    }

    /** Whether two embedding rows (stamp first) carry the same layer values. */
    private static boolean sameLayer(double[] a, double[] b, int d) {
        return java.util.Arrays.equals(a, 1, d + 1, b, 1, d + 1);
    }

    /** Mean of a column over frames in 6–19 s and in 26–39 s (away from the switch and the warm-up). */
    private static double[] halves(List<double[]> rows, int col) {
        double[] sum = new double[2];
        int[] n = new int[2];
        for (double[] r : rows) {
            double t = r[0] - T0;
            int h = t >= 6 && t < 19 ? 0 : t >= 26 && t < 39 ? 1 : -1;
            if (h >= 0 && !Double.isNaN(r[col])) {
                sum[h] += r[col];
                n[h]++;
            }
        }
        return new double[] {sum[0] / n[0], sum[1] / n[1]};
    }

    @Test
    void aMissingOrMismatchingModelTurnsItsChannelsOffWithAnErrorAndTheRestRuns() throws Exception {
        Path bad = Files.createTempFile("not-a-model", ".onnx");
        Files.writeString(bad, "garbage");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(text, true, StandardCharsets.UTF_8);
        // the music branch gets the chill model (another input shape), the chill stage a corrupt file
        Outputs out = run(", music_model: " + home().resolve("models/default/chills.onnx"), ", model: " + bad, log);
        String said = text.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("stage 'emotion': key 'music_model'") && said.contains("stage 'music' gives 200"),
                said);
        assertTrue(said.contains("stage 'chills': key 'model'") && said.contains(bad.getFileName().toString()), said);
        int musA = out.column("emo", "music.arousal");
        int eegA = out.column("emo", "eeg.arousal");
        int chillP = out.column("ch", "chill_probability");
        long eegPredictions = out.rows.get("emo").stream().filter(r -> !Double.isNaN(r[eegA])).count();
        assertTrue(eegPredictions > 100, "the EEG branch runs on: " + eegPredictions);
        assertTrue(out.rows.get("emo").stream().allMatch(r -> Double.isNaN(r[musA])));
        assertTrue(out.rows.get("ch").stream().allMatch(r -> Double.isNaN(r[chillP])));
        assertTrue(out.rows.get("f").size() > 150, "features run on");
        Files.delete(bad);
    }
}
