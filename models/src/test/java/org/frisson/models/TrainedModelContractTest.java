package org.frisson.models;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.frisson.testsupport.VenvPython;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classifier and predictor files the training tools write, read through ONNX Runtime Java as the
 * pipeline will: input and output names and shapes, the frisson.* metadata contract, and a batch run.
 * The models are trained for a moment on the training tests' small fixture cohort.
 */
class TrainedModelContractTest {

    @TempDir
    static Path dir;
    private static OrtEnvironment env;

    @BeforeAll
    static void trainTinyModels() throws Exception {
        Path cohort = dir.resolve("cohort");
        VenvPython.runOk(300, "models/python/tests/fake_cohort.py", cohort.toString());
        VenvPython.runOk(600, "models/python/make_default_models.py", "--cohort", cohort.toString(),
                "--out", dir.resolve("models").toString(), "--emotion-epochs", "1", "--chill-epochs", "1");
        env = OrtEnvironment.getEnvironment();
    }

    private static OrtSession open(String name) throws Exception {
        return env.createSession(dir.resolve("models").resolve(name).toString(), new OrtSession.SessionOptions());
    }

    private static long[] shape(NodeInfo info) {
        return ((TensorInfo) info.getInfo()).getShape();
    }

    private static List<String> names(Map<String, NodeInfo> infos) {
        return new ArrayList<>(infos.keySet());
    }

    private static float[][][] random(int b, int l, int f, Random rng) {
        float[][][] x = new float[b][l][f];
        for (float[][] a : x) {
            for (float[] r : a) {
                for (int i = 0; i < f; i++) {
                    r[i] = (float) (3 + rng.nextGaussian());
                }
            }
        }
        return x;
    }

    private static void assertProbabilities(float[][] p, int batch) {
        assertEquals(batch, p.length);
        for (float[] row : p) {
            assertEquals(1, row.length);
            assertTrue(row[0] >= 0 && row[0] <= 1, "not a probability: " + row[0]);
        }
    }

    @Test
    void eegBranchDeclaresAndHonoursItsContract() throws Exception {
        try (OrtSession s = open("emotion_eeg.onnx")) {
            assertEquals(List.of("de_sequence"), names(s.getInputInfo()));
            assertArrayEquals(new long[] {-1, 16, 160}, shape(s.getInputInfo().get("de_sequence")));
            assertEquals(List.of("valence", "arousal", "latent"), names(s.getOutputInfo()));
            Map<String, String> m = s.getMetadata().getCustomMetadata();
            assertEquals("classifier", m.get("frisson.kind"));
            assertEquals("de", m.get("frisson.input"));
            assertEquals(4.0, Double.parseDouble(m.get("frisson.frame_rate")));
            assertEquals(16, Integer.parseInt(m.get("frisson.window")));
            assertEquals(160, m.get("frisson.feature_labels").split(",").length);
            assertEquals("Fp1/delta", m.get("frisson.feature_labels").split(",")[0]);
            assertEquals("valence,arousal,latent", m.get("frisson.outputs"));
            assertEquals("simulated-cohort", m.get("frisson.trained_on"));
            assertEquals("pooled", m.get("frisson.subject"));
            int z = Integer.parseInt(m.get("frisson.latent_size"));
            try (OnnxTensor x = OnnxTensor.createTensor(env, random(3, 16, 160, new Random(1)));
                 OrtSession.Result r = s.run(Map.of("de_sequence", x))) {
                assertProbabilities((float[][]) r.get("valence").get().getValue(), 3);
                assertProbabilities((float[][]) r.get("arousal").get().getValue(), 3);
                float[][] latent = (float[][]) r.get("latent").get().getValue();
                assertEquals(3, latent.length);
                assertEquals(z, latent[0].length);
            }
        }
    }

    @Test
    void musicBranchDeclaresAndHonoursItsContract() throws Exception {
        try (OrtSession s = open("emotion_music.onnx")) {
            assertArrayEquals(new long[] {-1, 200}, shape(s.getInputInfo().get("embedding")));
            assertEquals(List.of("valence", "arousal", "latent"), names(s.getOutputInfo()));
            Map<String, String> m = s.getMetadata().getCustomMetadata();
            assertEquals("classifier", m.get("frisson.kind"));
            assertEquals("embedding", m.get("frisson.input"));
            assertEquals("MTT_musicnn", m.get("frisson.embedding_model"));
            assertEquals("penultimate", m.get("frisson.embedding_layer"));
            assertEquals(200, Integer.parseInt(m.get("frisson.embedding_size")));
            assertEquals(4.0, Double.parseDouble(m.get("frisson.window_seconds")));
            try (OnnxTensor x = OnnxTensor.createTensor(env, random(1, 2, 200, new Random(2))[0]);
                 OrtSession.Result r = s.run(Map.of("embedding", x))) {
                assertProbabilities((float[][]) r.get("valence").get().getValue(), 2);
                assertProbabilities((float[][]) r.get("arousal").get().getValue(), 2);
            }
        }
    }

    @Test
    void chillPredictorDeclaresAndHonoursItsContract() throws Exception {
        try (OrtSession s = open("chills.onnx")) {
            assertArrayEquals(new long[] {-1, 32, 200}, shape(s.getInputInfo().get("embedding_sequence")));
            assertEquals(List.of("phasic", "chill"), names(s.getOutputInfo()));
            Map<String, String> m = s.getMetadata().getCustomMetadata();
            assertEquals("predictor", m.get("frisson.kind"));
            assertEquals("embedding_sequence", m.get("frisson.input"));
            assertEquals(2.5, Double.parseDouble(m.get("frisson.frame_rate")));
            assertEquals(32, Integer.parseInt(m.get("frisson.window")));
            assertEquals(3.2, Double.parseDouble(m.get("frisson.horizon_seconds")));
            int k = Integer.parseInt(m.get("frisson.horizon_frames"));
            assertEquals(8, k);
            assertTrue(m.get("frisson.phasic_normalisation").contains("detrend"));
            assertEquals("simulated-cohort", m.get("frisson.trained_on"));
            try (OnnxTensor x = OnnxTensor.createTensor(env, random(4, 32, 200, new Random(3)));
                 OrtSession.Result r = s.run(Map.of("embedding_sequence", x))) {
                float[][] phasic = (float[][]) r.get("phasic").get().getValue();
                assertEquals(4, phasic.length);
                assertEquals(k, phasic[0].length);
                for (float[] row : phasic) {
                    for (float v : row) {
                        assertTrue(Float.isFinite(v));
                    }
                }
                assertProbabilities((float[][]) r.get("chill").get().getValue(), 4);
            }
        }
    }
}
