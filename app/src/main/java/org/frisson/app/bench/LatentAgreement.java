package org.frisson.app.bench;

import org.frisson.models.LatentStream;
import org.frisson.models.OnnxEmbedder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How far streamed latents are from the whole signal's: a signal through an encoder with a free input length
 * (Encodec) in one patch, and through {@link LatentStream} with some left context per patch; the largest
 * absolute difference over every value of every frame. The encoder's LSTM never forgets entirely, so the
 * context a deployment needs is this measurement on its own weights.
 */
public final class LatentAgreement {

    /** Max |chunked - whole| with {@code contextFrames} of left context; {@code latentMaxAbs} gives the scale. */
    public record Point(int contextFrames, double maxAbsDifference, double latentMaxAbs) {
    }

    private LatentAgreement() {
    }

    /**
     * @param audio mono samples at the model's own rate (no resampling); whole frames only are compared
     */
    public static List<Point> sweep(Path model, String output, float[] audio, int hopFrames, int... contexts) {
        float[][] whole;
        int frames;
        try (OnnxEmbedder e = OnnxEmbedder.open(model, List.of(output), 1)) {
            frames = audio.length / e.spec().inputWidth();
        }
        try (OnnxEmbedder e = OnnxEmbedder.open(model, List.of(output), 1, frames)) {
            float[][] out = {new float[e.outputSize(0)]};
            e.embed(audio, out);
            whole = byFrame(out[0], frames);
        }
        double scale = 0;
        for (float[] f : whole) {
            for (float v : f) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        List<Point> points = new ArrayList<>();
        for (int context : contexts) {
            try (OnnxEmbedder e = OnnxEmbedder.open(model, List.of(output), 1, context + hopFrames)) {
                LatentStream s = new LatentStream(e, output, e.spec().sampleRate(), hopFrames);
                double[] worst = {0};
                LatentStream.Sink sink = (i, v) -> {
                    for (int c = 0; c < v.length; c++) {
                        worst[0] = Math.max(worst[0], Math.abs(v[c] - whole[(int) i][c]));
                    }
                };
                s.feed(audio, 0, frames * e.spec().inputWidth(), sink);
                s.flush(sink);
                if (s.delivered() != frames) {
                    throw new IllegalStateException(model + ": streamed " + s.delivered() + " frames, whole " + frames);
                }
                points.add(new Point(context, worst[0], scale));
            }
        }
        return points;
    }

    /** A channels-first [values, frames] output as frames of values. */
    private static float[][] byFrame(float[] y, int frames) {
        int values = y.length / frames;
        float[][] out = new float[frames][values];
        for (int c = 0; c < values; c++) {
            for (int j = 0; j < frames; j++) {
                out[j][c] = y[c * frames + j];
            }
        }
        return out;
    }
}
