package org.frisson.models;

import java.util.List;

/**
 * What an embedder takes and gives.
 *
 * @param model       model name (e.g. {@code MTT_musicnn}, {@code acoustic})
 * @param input       {@code logmel} (frames of mel bands) or {@code waveform} (frames of one sample)
 * @param sampleRate  audio sample rate the model expects, Hz
 * @param frameRate   input frames per second ({@code sampleRate / hop} for log-mel, {@code sampleRate} for waveform)
 * @param windowFrames input frames per patch
 * @param hopFrames   the model's native hop between patches, in frames
 * @param inputWidth  values per input frame (mel bands, or 1)
 * @param outputs     every output the model has, with its per-patch shape (batch dimension left out)
 * @param layers      the outputs that are network layers (the rest are e.g. the taggram)
 * @param tags        tag names of the {@code taggram} output, empty when the model has none
 * @param weights     {@code pretrained}, {@code random-init} or {@code none}
 */
public record EmbedderSpec(String model, String input, int sampleRate, double frameRate, int windowFrames,
                           int hopFrames, int inputWidth, List<Output> outputs, List<String> layers,
                           List<String> tags, String weights) {

    /** One named output and its shape per patch. */
    public record Output(String name, int[] shape) {
        public int size() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
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
