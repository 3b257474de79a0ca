package org.frisson.models;

import java.util.List;

/**
 * What an embedder takes and gives.
 *
 * <p>A model works on <i>frames</i> at {@code frameRate}: log-mel frames (rows of mel bands), or for a waveform
 * model frames of {@code inputWidth} consecutive samples ({@code frisson.hop_length}; 1 for a model that counts
 * single samples). A patch is {@code windowFrames} frames. An output with a time axis (an Encodec latent) has
 * one entry along that axis per input frame of the patch, oldest first.
 *
 * @param model       model name (e.g. {@code MTT_musicnn}, {@code encodec_24khz}, {@code acoustic})
 * @param input       {@code logmel} (frames of mel bands) or {@code waveform} (frames of samples)
 * @param sampleRate  audio sample rate the model expects, Hz
 * @param frameRate   frames per second ({@code sampleRate / hop}, for waveform {@code sampleRate / inputWidth})
 * @param windowFrames frames per patch
 * @param hopFrames   the model's native hop between patches, in frames
 * @param inputWidth  values per frame (mel bands, or samples)
 * @param outputs     every output the model has, with its per-patch shape (batch dimension left out)
 * @param layers      the outputs that are network layers (the rest are e.g. the taggram)
 * @param tags        tag names of the {@code taggram} output, empty when the model has none
 * @param weights     {@code pretrained}, {@code random-init} or {@code none}
 */
public record EmbedderSpec(String model, String input, int sampleRate, double frameRate, int windowFrames,
                           int hopFrames, int inputWidth, List<Output> outputs, List<String> layers,
                           List<String> tags, String weights) {

    /**
     * One named output and its shape per patch.
     *
     * @param timeAxis the axis of {@code shape} that runs over the patch's frames (its length is the window),
     *                 or -1 when the output has none
     */
    public record Output(String name, int[] shape, int timeAxis) {

        public Output(String name, int[] shape) {
            this(name, shape, -1);
        }

        public Output {
            shape = shape.clone();
            if (timeAxis < -1 || timeAxis >= shape.length) {
                throw new IllegalArgumentException(name + ": time axis " + timeAxis + " of a " + shape.length
                        + "-dimensional output");
            }
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public int size() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        /** Values per frame along the time axis (the whole output when it has none). */
        public int valuesPerFrame() {
            return timeAxis < 0 ? size() : size() / shape[timeAxis];
        }
    }

    public EmbedderSpec {
        outputs = List.copyOf(outputs);
        layers = List.copyOf(layers);
        tags = List.copyOf(tags);
    }

    /** Values per patch. */
    public int patchValues() {
        return windowFrames * inputWidth;
    }

    /** Seconds of audio one patch spans (frames as counted by the model's own framing). */
    public double windowSeconds() {
        return windowFrames / frameRate;
    }

    /** The output called {@code name}, or null. */
    public Output output(String name) {
        for (Output o : outputs) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }
}
