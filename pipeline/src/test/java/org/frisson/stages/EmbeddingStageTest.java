package org.frisson.stages;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.frisson.pipeline.OutputListener;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.PipelineConfig;
import org.frisson.sim.MusicScore;
import org.frisson.sim.MusicSynth;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.LslLibrary;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;
import org.frisson.models.Embedder;
import org.frisson.models.Embedders;
import org.frisson.models.PatchStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedding stage publishes MusiCNN's layer of exactly the patches that the model gives on the whole
 * signal: offline every patch in order, live (model on its own thread) a patch the model gave, however the
 * audio was chunked on the way.
 */
class EmbeddingStageTest {

    private static final int RATE = 22050;
    private static final double SECONDS = 10;
    private static final double HOP = 0.5;
    private static float[] audio;
    /** MusiCNN's penultimate layer of every patch of {@link #audio}, at the stage's hop. */
    private static List<float[]> reference;

    @BeforeAll
    static void embedTheWholeSignal() throws Exception {
        audio = Arrays.copyOf(MusicSynth.render(MusicScore.demoPiece(), RATE, 7), (int) (SECONDS * RATE));
        reference = new ArrayList<>();
        try (Embedder e = Embedders.open("musicnn", LslLibrary.frissonHome(), List.of("penultimate"), 1, false,
                System.err)) {
            float[][] out = {new float[e.outputSize(0)]};
            PatchStream stream = new PatchStream(e.spec(), RATE, (int) Math.round(HOP * e.spec().frameRate()));
            stream.feed(audio, 0, audio.length, (patch, end) -> {
                e.embed(patch, out);
                reference.add(out[0].clone());
            });
        }
        assertTrue(reference.size() >= 13, "patches: " + reference.size());
    }

    private static String config(String session) {
        return "pipeline: {hop: 0.25, resolve_seconds: 5}\n"
                + "inputs: {audio: {query: \"source_id='music-" + session + "'\", timeout: 1.0}}\n"
                + "stages: [{name: music, kind: embedding, input: audio, model: musicnn, fallback: false, hop: " + HOP
                + ", layer: penultimate, tags: 3}]\n"
                + "outputs: {embedding: {name: frisson.embedding.test-" + session + ", type: Embedding}}\n";
    }

    private static StreamInfo audioInfo(String session) {
        return StreamInfo.builder("music-" + session, "Audio").channelCount(1).rate(RATE).format(ChannelFormat.FLOAT32)
                .sourceId("music-" + session).channel("mono", "", "Audio").build();
    }

    /** Collects every output sample: stamp, then the values. */
    private static final class Rows implements OutputListener {
        final List<String> labels = new ArrayList<>();
        final List<double[]> rows = Collections.synchronizedList(new ArrayList<>());
        final List<Double> stamps = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void start(List<StreamInfo> outputs) {
            labels.addAll(outputs.get(0).channelLabels());
        }

        @Override
        public void sample(int output, double stamp, double[] values) {
            if (output == 0) {
                rows.add(values.clone());
                stamps.add(stamp);
            }
        }

        @Override
        public void end() {
        }

        /** The distinct layer vectors in the order they were published. */
        List<float[]> layers() {
            List<float[]> out = new ArrayList<>();
            synchronized (rows) {
                for (double[] r : rows) {
                    if (Double.isNaN(r[0])) {
                        continue;
                    }
                    float[] v = new float[200];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) r[i];
                    }
                    if (out.isEmpty() || !Arrays.equals(out.get(out.size() - 1), v)) {
                        out.add(v);
                    }
                }
            }
            return out;
        }
    }

    @Test
    void offlineEveryPatchIsPublishedInOrderWithItsStamp() {
        String session = "off";
        Rows rows = new Rows();
        double t0 = 5000.0;
        try (StreamInfo info = audioInfo(session);
             Pipeline p = Pipeline.offline(PipelineConfig.parse(Path.of("embed.yaml"), config(session)),
                     Map.of("audio", List.of(info)), List.of(rows), line -> { })) {
            double[] stamps = new double[441];
            double[] values = new double[441];
            for (int i = 0; i < audio.length; i += 441) { // 20 ms chunks, as a capture app sends them
                int n = Math.min(441, audio.length - i);
                for (int k = 0; k < n; k++) {
                    stamps[k] = t0 + (i + k) / (double) RATE;
                    values[k] = audio[i + k];
                }
                p.feed(0, n, stamps, values, null);
            }
            p.finish();
        }
        assertEquals(200 + 6 + 1 + 1, rows.labels.size(), "layer, 3 tags with scores, patch_age, latency");
        assertEquals("penultimate.0", rows.labels.get(0));
        assertEquals(List.of("tag1", "tag1.score"), rows.labels.subList(200, 202));
        List<float[]> published = rows.layers();
        // frames stop at the last frame time before the data ends: a patch completed after it is not seen
        assertTrue(published.size() == reference.size() || published.size() == reference.size() - 1,
                "every patch once: " + published.size() + " of " + reference.size());
        for (int k = 0; k < published.size(); k++) {
            assertArrayEquals(reference.get(k), published.get(k), "patch " + k);
        }
        // each patch is stamped with its newest audio sample (to within one 1024-sample feed step): the first
        // after 187 frames of 256 samples at 16 kHz, the others a hop apart; a frame publishes it at once
        int age = rows.labels.indexOf("patch_age");
        List<Double> patchStamps = new ArrayList<>();
        for (int i = 0; i < rows.rows.size(); i++) {
            double[] r = rows.rows.get(i);
            if (Double.isNaN(r[0])) {
                continue;
            }
            assertTrue(r[age] >= 0 && r[age] < HOP + 1024.0 / RATE, "patch_age " + r[age]);
            double stamp = rows.stamps.get(i) - r[age]; // the frame's newest audio sample is at its time
            if (patchStamps.isEmpty() || Math.abs(stamp - patchStamps.get(patchStamps.size() - 1)) > 0.01) {
                patchStamps.add(stamp);
            }
        }
        double step = 1024.0 / RATE;
        assertEquals(t0 + 187 * 256 / 16000.0, patchStamps.get(0), step + 0.02, "first patch");
        for (int k = 1; k < patchStamps.size(); k++) {
            assertEquals(HOP, patchStamps.get(k) - patchStamps.get(k - 1), step + 1e-3, "patch " + k);
        }
    }

    @Test
    void liveTheModelRunsBesideTheFramesAndEveryResultIsAPatchOfTheSignal() throws Exception {
        String session = UUID.randomUUID().toString().substring(0, 8);
        Rows rows = new Rows();
        try (StreamInfo info = audioInfo(session); Outlet outlet = Outlet.open(info);
             Pipeline p = Pipeline.start(PipelineConfig.parse(Path.of("embed.yaml"), config(session)),
                     new SimpleMeterRegistry(), line -> { }, new Pipeline.Taps(List.of(), List.of(rows)))) {
            // real time, 10 ms chunks, from the moment the pipeline listens
            double start = Lsl.localClock();
            double[] stamps = new double[RATE];
            float[] chunk = new float[RATE];
            int sent = 0;
            while (sent < audio.length) {
                int due = (int) Math.min(audio.length, (Lsl.localClock() - start) * RATE);
                int n = due - sent;
                if (n > 0) {
                    for (int k = 0; k < n; k++) {
                        stamps[k] = start + (sent + k) / (double) RATE;
                    }
                    System.arraycopy(audio, sent, chunk, 0, n);
                    outlet.push(chunk, n, stamps);
                    sent = due;
                }
                Thread.sleep(10);
            }
            // the model finishes its last patches after the signal's end; a loaded machine may take a while
            await("half of the patches' results").atMost(Duration.ofSeconds(60))
                    .until(() -> rows.layers().size() >= reference.size() / 2);
        }
        List<float[]> published = rows.layers();
        assertTrue(published.size() >= reference.size() / 2, "results: " + published.size());
        int last = -1;
        for (float[] v : published) {
            int k = indexOf(reference, v);
            assertTrue(k > last, "a result that is no patch of the signal, or out of order (after patch " + last + ")");
            last = k;
        }
    }

    @Test
    void anEncodecLatentIsPublishedAsTheMeanOfEachPatchsNewFrames() throws Exception {
        String session = "enc";
        String yaml = "pipeline: {hop: 0.25}\n"
                + "inputs: {audio: {query: \"source_id='music-" + session + "'\"}}\n"
                + "stages: [{name: music, kind: embedding, input: audio, model: encodec-random, fallback: false,"
                + " hop: 0.4, layer: latent}]\n"
                + "outputs: {embedding: {name: frisson.embedding.enc, type: Embedding}}\n";
        Rows rows = new Rows();
        float[] clip = Arrays.copyOf(audio, 6 * RATE);
        try (StreamInfo info = audioInfo(session);
             Pipeline p = Pipeline.offline(PipelineConfig.parse(Path.of("encodec.yaml"), yaml),
                     Map.of("audio", List.of(info)), List.of(rows), line -> { })) {
            double[] stamps = new double[441];
            double[] values = new double[441];
            for (int i = 0; i < clip.length; i += 441) {
                int n = Math.min(441, clip.length - i);
                for (int k = 0; k < n; k++) {
                    stamps[k] = 7000.0 + (i + k) / (double) RATE;
                    values[k] = clip[i + k];
                }
                p.feed(0, n, stamps, values, null);
            }
            p.finish();
        }
        assertEquals("latent.127", rows.labels.get(127));
        assertEquals("patch_age", rows.labels.get(128));
        // the whole clip's latent frames, each once (LatentStream), then the mean of each patch's new frames
        List<float[]> frames = new ArrayList<>();
        int window;
        int hop;
        try (Embedder e = Embedders.open("encodec-random", LslLibrary.frissonHome(), List.of("latent"), 1, false,
                System.err)) {
            window = e.spec().windowFrames();
            hop = (int) Math.round(0.4 * e.spec().frameRate());
            new org.frisson.models.LatentStream(e, "latent", RATE, hop).feed(clip, 0, clip.length,
                    (index, v) -> frames.add(v.clone()));
        }
        List<float[]> published = new ArrayList<>();
        synchronized (rows.rows) {
            for (double[] r : rows.rows) {
                if (Double.isNaN(r[0])) {
                    continue;
                }
                float[] v = new float[128];
                for (int i = 0; i < 128; i++) {
                    v[i] = (float) r[i];
                }
                if (published.isEmpty() || !Arrays.equals(published.get(published.size() - 1), v)) {
                    published.add(v);
                }
            }
        }
        assertTrue(published.size() >= 8, "patches: " + published.size());
        for (int k = 0; k < published.size(); k++) {
            int last = k * hop + window; // patch k's frames end here; its new ones are the last hop
            for (int c = 0; c < 128; c++) {
                float sum = 0;
                for (int t = last - hop; t < last; t++) {
                    sum += frames.get(t)[c];
                }
                assertEquals(sum / hop, published.get(k)[c], 1e-6, "patch " + k + " channel " + c);
            }
        }
    }

    private static int indexOf(List<float[]> list, float[] v) {
        for (int i = 0; i < list.size(); i++) {
            if (Arrays.equals(list.get(i), v)) {
                return i;
            }
        }
        return -1;
    }
}
