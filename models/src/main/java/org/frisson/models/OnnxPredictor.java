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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier or predictor exported by the project's training tools: one float input of fixed shape (batch
 * 1), named float outputs, and {@code frisson.*} metadata saying what the input is. The file is checked at
 * load (kind, input name and shape, every output fixed) and refused with a {@link ModelFileException} naming
 * the file and the field. Input and output tensors live over direct buffers made once: a prediction is one
 * copy in, one native call, one copy out per output, and allocates nothing.
 */
public final class OnnxPredictor implements AutoCloseable {

    private final Path file;
    private final String kind;
    private final String inputName;
    private final int[] inputShape;
    private final Map<String, String> metadata;
    private final List<String> outputs = new ArrayList<>();
    private final OrtSession session;
    private final FloatBuffer inputBuffer;
    private final OnnxTensor inputTensor;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
    private final FloatBuffer[] outputBuffers;
    private final float[] in;
    private final float[][] out;

    private OnnxPredictor(Path file, OrtSession session) throws OrtException {
        this.file = file;
        this.session = session;
        this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
        ModelMetadata m = new ModelMetadata(file, metadata);
        this.kind = m.oneOf(ModelMetadata.KIND, "classifier", "predictor");
        Map<String, NodeInfo> ins = session.getInputInfo();
        if (ins.size() != 1) {
            throw new ModelFileException(file, "inputs", "expected one input, the graph has " + ins.keySet());
        }
        this.inputName = ins.keySet().iterator().next();
        String declared = m.string(ModelMetadata.INPUT_NAME, inputName);
        if (!declared.equals(inputName)) {
            throw new ModelFileException(file, ModelMetadata.INPUT_NAME, "names '" + declared
                    + "' but the graph's input is '" + inputName + "'");
        }
        this.inputShape = fixed(file, "input " + inputName, ins.get(inputName));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int n = size(inputShape);
        this.in = new float[n];
        this.inputBuffer = direct(n);
        this.inputTensor = OnnxTensor.createTensor(env, inputBuffer, batchOf(inputShape));
        this.inputs = Map.of(inputName, inputTensor);
        Map<String, NodeInfo> outs = session.getOutputInfo();
        this.outputBuffers = new FloatBuffer[outs.size()];
        this.out = new float[outs.size()][];
        int i = 0;
        for (Map.Entry<String, NodeInfo> e : outs.entrySet()) {
            int[] shape = fixed(file, "output " + e.getKey(), e.getValue());
            outputs.add(e.getKey());
            outputBuffers[i] = direct(size(shape));
            out[i] = new float[size(shape)];
            pinned.put(e.getKey(), OnnxTensor.createTensor(env, outputBuffers[i], batchOf(shape)));
            i++;
        }
    }

    /**
     * Loads and checks a model file.
     *
     * @param intraOpThreads ONNX Runtime threads per run (1 keeps it on the caller's thread)
     */
    public static OnnxPredictor open(Path file, int intraOpThreads) {
        return OnnxSessions.load(file, intraOpThreads, session -> new OnnxPredictor(file, session));
    }

    private static int[] fixed(Path file, String field, NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new ModelFileException(file, field, "is not a float tensor: " + info.getInfo());
        }
        long[] s = t.getShape();
        if (s.length < 2) {
            throw new ModelFileException(file, field, "has no batch dimension: " + Arrays.toString(s));
        }
        int[] shape = new int[s.length - 1];
        for (int d = 1; d < s.length; d++) {
            if (s[d] <= 0) {
                throw new ModelFileException(file, field, "dimension " + d + " is not fixed: " + Arrays.toString(s));
            }
            shape[d - 1] = (int) s[d];
        }
        return shape;
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static long[] batchOf(int[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = 1;
        for (int d = 0; d < shape.length; d++) {
            s[d + 1] = shape[d];
        }
        return s;
    }

    private static FloatBuffer direct(int values) {
        return ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** The model file. */
    public Path file() {
        return file;
    }

    /** {@code classifier} or {@code predictor}. */
    public String kind() {
        return kind;
    }

    public String inputName() {
        return inputName;
    }

    /** The input's shape without the batch dimension. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** Output names, in the order of {@link #output(int)}. */
    public List<String> outputs() {
        return List.copyOf(outputs);
    }

    /** A required metadata value; missing → an error naming the file and the key. */
    public String metadata(String key) {
        return new ModelMetadata(file, metadata).string(key);
    }

    /** An optional metadata value. */
    public String metadata(String key, String fallback) {
        return new ModelMetadata(file, metadata).string(key, fallback);
    }

    /** A required comma-separated metadata list. */
    public List<String> metadataList(String key) {
        return new ModelMetadata(file, metadata).list(key, true);
    }

    /** The reused input array, row-major; fill it, then {@link #run()}. */
    public float[] input() {
        return in;
    }

    /** Runs the model on {@link #input()}; results in {@link #output(int)}. */
    public void run() {
        inputBuffer.clear();
        inputBuffer.put(in, 0, in.length);
        try (OrtSession.Result ignored = session.run(inputs, pinned)) {
            for (int i = 0; i < out.length; i++) {
                outputBuffers[i].clear();
                outputBuffers[i].get(out[i], 0, out[i].length);
            }
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": inference failed: " + e.getMessage(), e);
        }
    }

    /** Output {@code i} of the last run (reused array). */
    public float[] output(int i) {
        return out[i];
    }

    /** The index of output {@code name}; an error naming the file when there is none. */
    public int outputIndex(String name) {
        int i = outputs.indexOf(name);
        if (i < 0) {
            throw new ModelFileException(file, "output " + name, "the model has no such output; it has " + outputs);
        }
        return i;
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
