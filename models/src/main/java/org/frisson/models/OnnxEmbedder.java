package org.frisson.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Embedder} backed by an ONNX Runtime session. The file is checked at load against its own
 * {@code frisson.*} metadata ({@link OnnxContract}: kind, input name and shape, layer and tag outputs); a
 * mismatch or a corrupt file is refused with a {@link ModelFileException} naming the file and the field. A
 * model with a free input length (an Encodec encoder) runs one silent patch at load to check that each time
 * axis really has one entry per frame.
 *
 * <p>Input and output tensors are created once over direct buffers and reused for every patch (ONNX Runtime
 * reads and writes those buffers in place), so a patch costs one native call and two array copies. The input
 * is {@code [1, window, width]} for log-mel models and {@code [1, 1, window x width]} for waveform models.
 */
public final class OnnxEmbedder implements Embedder {

    private final Path file;
    private final EmbedderSpec spec;
    private final List<String> outputs;
    private final int[] sizes;
    private final OrtSession session;
    private final FloatBuffer inputBuffer;
    private final OnnxTensor inputTensor;
    private final Map<String, OnnxTensor> inputs;
    private final FloatBuffer[] outputBuffers;
    private final Map<String, OnnxTensor> pinned = new LinkedHashMap<>();

    private OnnxEmbedder(Path file, EmbedderSpec spec, List<String> outputs, OrtSession session) throws OrtException {
        this.file = file;
        this.spec = spec;
        this.outputs = List.copyOf(outputs);
        this.session = session;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        inputBuffer = direct(spec.patchValues());
        inputTensor = OnnxTensor.createTensor(env, inputBuffer, inputShape(spec));
        inputs = Map.of(spec.input(), inputTensor);
        sizes = new int[outputs.size()];
        outputBuffers = new FloatBuffer[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            EmbedderSpec.Output o = spec.output(outputs.get(i));
            sizes[i] = o.size();
            outputBuffers[i] = direct(sizes[i]);
            pinned.put(o.name(), OnnxTensor.createTensor(env, outputBuffers[i], batchOfOne(o.shape())));
        }
    }

    /**
     * Loads and checks a model file, with the window it declares.
     *
     * @param outputs        outputs to compute per patch; empty for all of them
     * @param intraOpThreads ONNX Runtime threads per patch (1 keeps the model on the caller's thread)
     */
    public static OnnxEmbedder open(Path file, List<String> outputs, int intraOpThreads) {
        return open(file, outputs, intraOpThreads, 0);
    }

    /**
     * Loads and checks a model file.
     *
     * @param windowFrames frames per patch; 0 for the file's own ({@code frisson.window_frames}). Another window
     *                     needs a model with a free input length (e.g. Encodec: more left context, or a whole
     *                     signal in one patch)
     */
    public static OnnxEmbedder open(Path file, List<String> outputs, int intraOpThreads, int windowFrames) {
        if (windowFrames < 0) {
            throw new IllegalArgumentException("windowFrames must be positive (or 0 for the file's), got " + windowFrames);
        }
        return OnnxSessions.load(file, intraOpThreads, session -> {
            EmbedderSpec spec = OnnxContract.describe(file, session, windowFrames);
            List<String> chosen = outputs.isEmpty() ? spec.outputs().stream().map(EmbedderSpec.Output::name).toList()
                    : outputs;
            for (String o : chosen) {
                if (spec.output(o) == null) {
                    throw new ModelFileException(file, "output " + o, "the model has no such output; it has "
                            + spec.outputs().stream().map(EmbedderSpec.Output::name).toList());
                }
            }
            if (spec.outputs().stream().anyMatch(o -> o.timeAxis() >= 0)) {
                checkTimeAxes(file, spec, session);
            }
            return new OnnxEmbedder(file, spec, chosen, session);
        });
    }

    /** Runs one silent patch and compares every output's shape with the one the contract promises. */
    private static void checkTimeAxes(Path file, EmbedderSpec spec, OrtSession session) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor silence = OnnxTensor.createTensor(env, direct(spec.patchValues()), inputShape(spec));
             OrtSession.Result r = session.run(Map.of(spec.input(), silence))) {
            for (Map.Entry<String, OnnxValue> e : r) {
                long[] got = ((TensorInfo) e.getValue().getInfo()).getShape();
                long[] want = batchOfOne(spec.output(e.getKey()).shape());
                if (!Arrays.equals(got, want)) {
                    throw new ModelFileException(file, "output " + e.getKey(), "a patch of " + spec.windowFrames()
                            + " frames (" + spec.patchValues() + " samples) gives " + Arrays.toString(got)
                            + ", not " + Arrays.toString(want) + " (one frame per " + spec.inputWidth()
                            + " samples, frisson.hop_length)");
                }
            }
        } catch (OrtException e) {
            throw new ModelFileException(file, "input " + spec.input(), "a patch of " + spec.windowFrames()
                    + " frames (" + spec.patchValues() + " samples) does not run: " + e.getMessage(), e);
        }
    }

    private static long[] inputShape(EmbedderSpec spec) {
        return spec.input().equals("waveform") ? new long[] {1, 1, spec.patchValues()}
                : new long[] {1, spec.windowFrames(), spec.inputWidth()};
    }

    private static long[] batchOfOne(int[] perPatch) {
        long[] shape = new long[perPatch.length + 1];
        shape[0] = 1;
        for (int d = 0; d < perPatch.length; d++) {
            shape[d + 1] = perPatch[d];
        }
        return shape;
    }

    private static FloatBuffer direct(int values) {
        return ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public EmbedderSpec spec() {
        return spec;
    }

    @Override
    public List<String> outputs() {
        return outputs;
    }

    @Override
    public int outputSize(int i) {
        return sizes[i];
    }

    @Override
    public void embed(float[] patch, float[][] out) {
        inputBuffer.clear();
        inputBuffer.put(patch, 0, spec.patchValues());
        try (OrtSession.Result ignored = session.run(inputs, pinned)) {
            for (int i = 0; i < sizes.length; i++) {
                outputBuffers[i].clear();
                outputBuffers[i].get(out[i], 0, sizes[i]);
            }
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": inference failed: " + e.getMessage(), e);
        }
    }

    /** The model file this embedder runs. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        for (OnnxTensor t : pinned.values()) {
            t.close();
        }
        inputTensor.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": closing the session failed: " + e.getMessage(), e);
        }
    }
}
