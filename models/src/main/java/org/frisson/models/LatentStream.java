package org.frisson.models;

/**
 * An embedder whose output has a time axis (the Encodec encoder's latent) run over audio as it arrives,
 * every latent frame delivered exactly once, in order.
 *
 * <p>Patches come from a {@link PatchStream}: {@code window} frames every {@code hop} frames, so patch k
 * covers frames {@code [k hop, k hop + window)} and its output holds one latent frame per input frame, latent
 * frame i depending on the audio up to the end of input frame i (the encoder is causal). Which frames a patch
 * delivers ("new" frames):
 * <ul>
 *   <li>the first patch: all {@code window} frames, since before the signal's start there is nothing, as for
 *       the whole signal;</li>
 *   <li>every later patch: its last {@code hop} frames; the first {@code window - hop} (the left context) are
 *       computed again only so the LSTM and the convolutions have settled by the new ones, which then equal
 *       the whole signal's within the tolerance measured in the tests and {@code docs/perf.md};</li>
 *   <li>{@link #flush}: the frames completed since the last patch, from one patch ending at the newest
 *       complete frame (a last frame missing samples is left out).</li>
 * </ul>
 * Buffers are allocated at construction; feeding audio allocates nothing on this side of the embedder.
 */
public final class LatentStream {

    /** Receives each latent frame; the array is reused for the next one. */
    public interface Sink {
        /**
         * @param index  frame number since reset (frame i covers the model's samples [i hop_length, (i+1) hop_length))
         * @param values the frame's {@link #valuesPerFrame()} values
         */
        void frame(long index, float[] values);
    }

    private final Embedder embedder;
    private final PatchStream patches;
    private final int output;
    private final int window;
    private final int hop;
    private final int frames;
    private final int outer;
    private final int inner;
    private final float[][] out;
    private final float[] frame;
    private final PatchStream.Sink onPatch = this::patch;
    private long delivered;
    private Sink target;

    /**
     * @param output    the output to deliver, one with a time axis, among those {@code embedder} computes
     * @param inputRate the audio's sample rate, Hz (resampled to the model's)
     * @param hopFrames frames between patches, at most the window: {@code window - hop} frames of left context
     */
    public LatentStream(Embedder embedder, String output, int inputRate, int hopFrames) {
        EmbedderSpec spec = embedder.spec();
        EmbedderSpec.Output o = spec.output(output);
        this.output = embedder.outputs().indexOf(output);
        if (o == null || this.output < 0) {
            throw new IllegalArgumentException(spec.model() + ": output '" + output + "' is not computed; computed: "
                    + embedder.outputs());
        }
        if (o.timeAxis() < 0) {
            throw new IllegalArgumentException(spec.model() + ": output '" + output + "' has no time axis");
        }
        if (hopFrames < 1 || hopFrames > spec.windowFrames()) {
            throw new IllegalArgumentException(spec.model() + ": hop must be 1 to " + spec.windowFrames()
                    + " frames (the window), got " + hopFrames);
        }
        int[] shape = o.shape();
        this.embedder = embedder;
        this.window = spec.windowFrames();
        this.hop = hopFrames;
        this.frames = shape[o.timeAxis()];
        int before = 1;
        for (int d = 0; d < o.timeAxis(); d++) {
            before *= shape[d];
        }
        this.outer = before;
        this.inner = o.valuesPerFrame() / before;
        this.patches = new PatchStream(spec, inputRate, hopFrames);
        this.out = new float[embedder.outputs().size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[embedder.outputSize(i)];
        }
        this.frame = new float[o.valuesPerFrame()];
    }

    /** Values per latent frame. */
    public int valuesPerFrame() {
        return frame.length;
    }

    /** Frames of left context every patch after the first recomputes. */
    public int contextFrames() {
        return window - hop;
    }

    /** Frames delivered since reset. */
    public long delivered() {
        return delivered;
    }

    public void reset() {
        patches.reset();
        delivered = 0;
    }

    /** Feeds {@code n} mono samples; delivers every latent frame they complete. */
    public void feed(float[] audio, int off, int n, Sink sink) {
        target = sink;
        patches.feed(audio, off, n, onPatch);
    }

    /** End of the signal: the frames completed since the last patch. */
    public void flush(Sink sink) {
        target = sink;
        patches.flush(onPatch);
        patches.emitNewest(onPatch);
    }

    private void patch(float[] patch, long endFrame) {
        embedder.embed(patch, out);
        float[] y = out[output];
        long first = endFrame - window;
        for (int j = (int) (Math.max(delivered, first) - first); j < frames; j++) {
            for (int a = 0; a < outer; a++) {
                System.arraycopy(y, (a * frames + j) * inner, frame, a * inner, inner);
            }
            target.frame(first + j, frame);
        }
        delivered = endFrame;
    }
}
