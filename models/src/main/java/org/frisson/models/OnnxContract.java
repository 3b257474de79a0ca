package org.frisson.models;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The embedder contract an ONNX file declares in its {@code frisson.*} metadata, checked against the graph's
 * actual inputs and outputs; a mismatch is a {@link ModelFileException} naming the file and the field.
 *
 * <p>Log-mel models have a fixed input {@code [B, window_frames, bands]}. Waveform models take
 * {@code [B, 1, T]}: either fixed, {@code T = window_frames * hop_length}, or free ({@code T} dynamic), in
 * which case every dynamic output dimension is a time axis with one entry per {@code hop_length} samples and
 * the caller may choose another window (at least {@code frisson.min_window_frames}).
 */
final class OnnxContract {

    private OnnxContract() {
    }

    /**
     * @param window frames per patch, or 0 for the file's {@code frisson.window_frames}; only a model with a
     *               free input length can take another
     */
    static EmbedderSpec describe(Path file, OrtSession session, int window) throws OrtException {
        ModelMetadata m = new ModelMetadata(file, session.getMetadata().getCustomMetadata());
        m.oneOf(ModelMetadata.KIND, "embedder");
        String input = m.oneOf(ModelMetadata.INPUT, "logmel", "waveform");
        int sampleRate = m.positiveInt(ModelMetadata.SAMPLE_RATE);
        double frameRate = m.positiveDouble(ModelMetadata.FRAME_RATE);
        int declaredWindow = m.positiveInt(ModelMetadata.WINDOW);
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
        boolean freeLength = false;
        if (input.equals("logmel")) {
            if (inShape.length != 3 || inShape[1] != declaredWindow || inShape[2] <= 0) {
                throw new ModelFileException(file, "input " + input, "shape " + Arrays.toString(inShape)
                        + " is not [batch, " + declaredWindow + " (frisson.window_frames), bands]");
            }
            width = (int) inShape[2];
            String bands = m.string(ModelMetadata.MEL_BANDS, null);
            if (bands != null && m.positiveInt(ModelMetadata.MEL_BANDS) != width) {
                throw new ModelFileException(file, ModelMetadata.MEL_BANDS, "is " + bands + " but the input has "
                        + width + " bands");
            }
        } else {
            width = m.string(ModelMetadata.HOP_LENGTH, null) == null ? 1 : m.positiveInt(ModelMetadata.HOP_LENGTH);
            if (Math.abs(frameRate * width - sampleRate) > 1e-6 * sampleRate) {
                throw new ModelFileException(file, ModelMetadata.FRAME_RATE, "is " + frameRate + " but "
                        + ModelMetadata.SAMPLE_RATE + " / " + ModelMetadata.HOP_LENGTH + " is " + sampleRate + " / "
                        + width);
            }
            freeLength = inShape.length == 3 && inShape[1] == 1 && inShape[2] < 0;
            if (!freeLength && (inShape.length != 3 || inShape[1] != 1 || inShape[2] != (long) declaredWindow * width)) {
                throw new ModelFileException(file, "input " + input, "shape " + Arrays.toString(inShape)
                        + " is not [batch, 1, " + (long) declaredWindow * width + " (frisson.window_frames x "
                        + width + " samples)] nor [batch, 1, free length]");
            }
        }
        int frames = window == 0 ? declaredWindow : window;
        if (window != 0 && window != declaredWindow) {
            if (!freeLength) {
                throw new IllegalArgumentException(file + ": the input is fixed at " + declaredWindow
                        + " frames; it cannot take a window of " + window);
            }
            int min = m.string(ModelMetadata.MIN_WINDOW, null) == null ? 1 : m.positiveInt(ModelMetadata.MIN_WINDOW);
            if (window < min) {
                throw new IllegalArgumentException(file + ": a window of " + window + " frames is shorter than "
                        + ModelMetadata.MIN_WINDOW + " = " + min);
            }
        }
        if (hop > declaredWindow) {
            throw new ModelFileException(file, ModelMetadata.HOP, "is " + hop + ", longer than "
                    + ModelMetadata.WINDOW + " = " + declaredWindow);
        }

        List<EmbedderSpec.Output> outs = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
            outs.add(output(file, e.getKey(), floatShape(file, "output " + e.getKey(), e.getValue()), freeLength,
                    frames));
        }
        // a window chosen shorter than the native hop is all new frames, patch after patch
        EmbedderSpec spec = new EmbedderSpec(model, input, sampleRate, frameRate, frames, Math.min(hop, frames), width,
                outs, layers, tags, weights);
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

    /** Per-patch shape of an output; its one dynamic dimension, if the input length is free, is the time axis. */
    private static EmbedderSpec.Output output(Path file, String name, long[] s, boolean freeLength, int frames) {
        int[] perPatch = new int[s.length - 1];
        int timeAxis = -1;
        for (int d = 1; d < s.length; d++) {
            if (s[d] > 0) {
                perPatch[d - 1] = (int) s[d];
            } else if (freeLength && timeAxis < 0) {
                timeAxis = d - 1;
                perPatch[d - 1] = frames;
            } else {
                throw new ModelFileException(file, "output " + name, "dimension " + d + " is not fixed: "
                        + Arrays.toString(s) + (freeLength ? " (only one time axis per output)" : ""));
            }
        }
        return new EmbedderSpec.Output(name, perPatch, timeAxis);
    }

    private static long[] floatShape(Path file, String field, NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new ModelFileException(file, field, "is not a float tensor: " + info.getInfo());
        }
        long[] shape = t.getShape();
        if (shape.length < 2) {
            throw new ModelFileException(file, field, "has no batch dimension: " + Arrays.toString(shape));
        }
        return shape;
    }
}
