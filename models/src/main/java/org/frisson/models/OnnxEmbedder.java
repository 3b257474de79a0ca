package org.frisson.models;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Embedder} backed by an ONNX Runtime session. The file is checked at load against its own
 * {@code frisson.*} metadata (kind, input name and shape, layer and tag outputs); a mismatch or a corrupt file
 * is refused with a {@link ModelFileException} naming the file and the field.
 *
 * <p>Input and output tensors are created once over direct buffers and reused for every patch (ONNX Runtime
 * reads and writes those buffers in place), so a patch costs one native call and two array copies.
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
        inputTensor = OnnxTensor.createTensor(env, inputBuffer, new long[] {1, spec.windowFrames(), spec.inputWidth()});
        inputs = Map.of(spec.input(), inputTensor);
        sizes = new int[outputs.size()];
        outputBuffers = new FloatBuffer[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            EmbedderSpec.Output o = spec.output(outputs.get(i));
            sizes[i] = o.size();
            outputBuffers[i] = direct(sizes[i]);
            long[] shape = new long[o.shape().length + 1];
            shape[0] = 1;
            for (int d = 0; d < o.shape().length; d++) {
                shape[d + 1] = o.shape()[d];
            }
            pinned.put(o.name(), OnnxTensor.createTensor(env, outputBuffers[i], shape));
        }
    }

    /**
     * Loads and checks a model file.
     *
     * @param outputs        outputs to compute per patch; empty for all of them
     * @param intraOpThreads ONNX Runtime threads per patch (1 keeps the model on the caller's thread)
     */
    public static OnnxEmbedder open(Path file, List<String> outputs, int intraOpThreads) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "file", "does not exist");
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, got " + intraOpThreads);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // idle model threads sleep instead of spinning on cores the pipeline needs
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new ModelFileException(file, "onnx", "not a loadable ONNX model (" + e.getMessage() + ")", e);
        }
        try {
            EmbedderSpec spec = describe(file, session);
            List<String> chosen = outputs.isEmpty() ? spec.outputs().stream().map(EmbedderSpec.Output::name).toList()
                    : outputs;
            for (String o : chosen) {
                if (spec.output(o) == null) {
                    throw new ModelFileException(file, "output " + o, "the model has no such output; it has "
                            + spec.outputs().stream().map(EmbedderSpec.Output::name).toList());
                }
            }
            return new OnnxEmbedder(file, spec, chosen, session);
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // the first failure is the one to report
            }
            if (e instanceof ModelFileException m) {
                throw m;
            }
            throw new ModelFileException(file, "onnx", e.getMessage(), e);
        }
    }

    /** The contract a file declares, checked against the graph's actual inputs and outputs. */
    static EmbedderSpec describe(Path file, OrtSession session) throws OrtException {
        ModelMetadata m = new ModelMetadata(file, session.getMetadata().getCustomMetadata());
        m.oneOf(ModelMetadata.KIND, "embedder");
        String input = m.oneOf(ModelMetadata.INPUT, "logmel", "waveform");
        int sampleRate = m.positiveInt(ModelMetadata.SAMPLE_RATE);
        double frameRate = m.positiveDouble(ModelMetadata.FRAME_RATE);
        int window = m.positiveInt(ModelMetadata.WINDOW);
        int hop = m.positiveInt(ModelMetadata.HOP);
        List<String> layers = m.list(ModelMetadata.LAYERS, true);
        List<String> tags = m.list(ModelMetadata.TAGS, false);
        String weights = m.oneOf(ModelMetadata.WEIGHTS, "pretrained", "random-init");
        String model = m.string(ModelMetadata.MODEL, file.getFileName().toString());

        Map<String, NodeInfo> ins = session.getInputInfo();
        if (ins.size() != 1 || !ins.containsKey(input)) {
            throw new ModelFileException(file, "input " + input, "frisson.input names '" + input
                    + "' but the graph's inputs are " + ins.keySet());
        }
        long[] inShape = floatShape(file, "input " + input, ins.get(input));
        int width;
        if (input.equals("logmel")) {
            if (inShape.length != 3 || inShape[1] != window || inShape[2] <= 0) {
                throw new ModelFileException(file, "input " + input, "shape " + java.util.Arrays.toString(inShape)
                        + " is not [batch, " + window + " (frisson.window_frames), bands]");
            }
            width = (int) inShape[2];
            String bands = m.string(ModelMetadata.MEL_BANDS, null);
            if (bands != null && m.positiveInt(ModelMetadata.MEL_BANDS) != width) {
                throw new ModelFileException(file, ModelMetadata.MEL_BANDS, "is " + bands + " but the input has "
                        + width + " bands");
            }
        } else {
            if (inShape.length != 3 || inShape[1] != 1 || inShape[2] != window) {
                throw new ModelFileException(file, "input " + input, "shape " + java.util.Arrays.toString(inShape)
                        + " is not [batch, 1, " + window + " (frisson.window_frames)]");
            }
            width = 1;
        }

        List<EmbedderSpec.Output> outs = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
            long[] s = floatShape(file, "output " + e.getKey(), e.getValue());
            int[] perPatch = new int[s.length - 1];
            for (int d = 1; d < s.length; d++) {
                if (s[d] <= 0) {
                    throw new ModelFileException(file, "output " + e.getKey(), "dimension " + d
                            + " is not fixed: " + java.util.Arrays.toString(s));
                }
                perPatch[d - 1] = (int) s[d];
            }
            outs.add(new EmbedderSpec.Output(e.getKey(), perPatch));
        }
        EmbedderSpec spec = new EmbedderSpec(model, input, sampleRate, frameRate, window, hop, width, outs, layers,
                tags, weights);
        for (String layer : layers) {
            if (spec.output(layer) == null) {
                throw new ModelFileException(file, ModelMetadata.LAYERS, "names '" + layer
                        + "' but the graph has no such output");
            }
        }
        if (!tags.isEmpty()) {
            EmbedderSpec.Output taggram = spec.output("taggram");
            if (taggram == null || taggram.size() != tags.size()) {
                throw new ModelFileException(file, ModelMetadata.TAGS, tags.size() + " tags but "
                        + (taggram == null ? "no taggram output" : "taggram has " + taggram.size() + " values"));
            }
        }
        return spec;
    }

    private static long[] floatShape(Path file, String field, NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new ModelFileException(file, field, "is not a float tensor: " + info.getInfo());
        }
        long[] shape = t.getShape();
        if (shape.length < 2) {
            throw new ModelFileException(file, field, "has no batch dimension: " + java.util.Arrays.toString(shape));
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
