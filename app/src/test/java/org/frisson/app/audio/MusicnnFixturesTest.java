package org.frisson.app.audio;

import org.frisson.models.Embedder;
import org.frisson.models.MusicnnExport;
import org.frisson.models.OnnxEmbedder;
import org.frisson.models.PatchStream;
import org.frisson.testsupport.VenvPython;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * MusiCNN on the musicnn package's example clips: the published tags come out, and the taggram equals
 * TensorFlow's (running the checkpoint graph) on the same log-mel patches within 1e-3.
 */
class MusicnnFixturesTest {

    static Path home() {
        return Path.of(System.getProperty("frisson.home"));
    }

    /** A clip of the repository's {@code fixtures/audio/}; fails the test (never skips) when it is not there. */
    static Path fixture(String name) {
        Path f = home().resolve("fixtures/audio").resolve(name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(f)) {
            fail("the reference clip " + f + " is missing: it ships with the repository in fixtures/audio/"
                    + " (see fixtures/README.md)");
        }
        return f;
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "joram-moments_of_clarity-08-solipsism-59-88.wav; techno,electronic,synth,fast,beat,drums,no vocals,no vocal,dance,ambient; 8",
            "TRWJAZW128F42760DD_test.wav; guitar,piano,fast; 3"})
    void publishedTagsAndTensorFlowsTaggram(String name, String published, int atLeast) throws Exception {
        WavFile wav = WavFile.read(fixture(name));
        Path model = MusicnnExport.ensure(home(), "MTT_musicnn", System.err);
        List<String> want = List.of(published.split(","));
        try (Embedder e = OnnxEmbedder.open(model, List.of("taggram"), 1)) {
            FileEmbedding result = FileEmbedding.run(e, wav, 187);
            List<String> got = result.topTags(want.size()).stream().map(FileEmbedding.Tag::name).toList();
            assertEquals(want.subList(0, 3), got.subList(0, 3), "top 3 of " + got);
            long common = got.stream().filter(want::contains).count();
            assertTrue(common >= atLeast, "only " + common + " of the published tags " + want + " in " + got);

            // the same log-mel patches through TensorFlow
            List<float[]> patches = new ArrayList<>();
            PatchStream stream = new PatchStream(e.spec(), wav.sampleRate(), 187);
            PatchStream.Sink keep = (p, end) -> patches.add(p.clone());
            stream.feed(wav.mono(), 0, wav.mono().length, keep);
            stream.flush(keep);
            assertEquals(result.patches().size(), patches.size());
            float[] tf = tensorFlow(patches, 50);
            double worst = 0;
            for (int k = 0; k < patches.size(); k++) {
                float[] ours = result.patches().get(k).outputs()[0];
                for (int t = 0; t < 50; t++) {
                    worst = Math.max(worst, Math.abs(ours[t] - tf[k * 50 + t]));
                }
            }
            System.out.printf("%s: top %s, max |ONNX Runtime (Java) - TF| on the taggram %.2e over %d patches%n",
                    name, got, worst, patches.size());
            assertTrue(worst <= 1e-3, "taggram differs from TensorFlow's by " + worst);
        }
    }

    static float[] tensorFlow(List<float[]> patches, int width) throws IOException, InterruptedException {
        Path in = Files.createTempFile("logmel", ".f32");
        Path out = Files.createTempFile("taggram", ".f32");
        ByteBuffer b = ByteBuffer.allocate(patches.size() * patches.get(0).length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] p : patches) {
            for (float v : p) {
                b.putFloat(v);
            }
        }
        Files.write(in, b.array());
        try {
            VenvPython.runOk(300, "models/python/run_reference.py", "--model", "MTT_musicnn", "--logmel", in.toString(),
                    "--out", out.toString());
            ByteBuffer r = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
            float[] y = new float[patches.size() * width];
            assertEquals(y.length * 4, r.remaining());
            for (int i = 0; i < y.length; i++) {
                y[i] = r.getFloat();
            }
            return y;
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }
}
