package org.frisson.dsp.audio;

import org.frisson.dsp.FeatureFrames;

/**
 * Groups consecutive spectrogram frames into model-sized patches: {@code frames} frames of {@code width}
 * values every {@code hop} frames (VGGish: 96 x 64 examples, hop 96, i.e. 0.96 s without overlap).
 * Fixed memory; copying a patch out allocates nothing.
 */
public final class PatchAssembler {

    private final int frames;
    private final int hop;
    private final int width;
    private final double[] ring;   // frames x width
    private int next;              // ring row of the next frame
    private long seen;
    private long patches;

    public PatchAssembler(int frames, int hop, int width) {
        if (frames < 1 || hop < 1 || width < 1) {
            throw new IllegalArgumentException("frames, hop and width must be positive");
        }
        this.frames = frames;
        this.hop = hop;
        this.width = width;
        this.ring = new double[frames * width];
    }

    /** VGGish's examples: 96 frames of 64 bands, no overlap. */
    public static PatchAssembler vggishExamples() {
        return new PatchAssembler(LogMelSpectrogram.VGGISH_EXAMPLE_FRAMES, LogMelSpectrogram.VGGISH_EXAMPLE_FRAMES,
                LogMelSpectrogram.VGGISH_MELS);
    }

    public int frames() {
        return frames;
    }

    public int width() {
        return width;
    }

    public void reset() {
        next = 0;
        seen = 0;
        patches = 0;
    }

    /** Adds frame {@code frame} of {@code in}; true when it completes a patch (then read it with {@link #copyPatch}). */
    public boolean add(FeatureFrames in, int frame) {
        if (in.width() != width) {
            throw new IllegalArgumentException("frames of width " + in.width() + " for patches of width " + width);
        }
        in.copyValues(frame, ring, next * width);
        next = next + 1 == frames ? 0 : next + 1;
        seen++;
        if (seen >= frames && (seen - frames) % hop == 0) {
            patches++;
            return true;
        }
        return false;
    }

    /** Patches completed since reset. */
    public long patches() {
        return patches;
    }

    /** The latest complete patch, oldest frame first, row-major {@code [frames][width]}, as float. */
    public void copyPatch(float[] out, int off) {
        for (int r = 0; r < frames; r++) {
            int row = ((next + r) % frames) * width;
            for (int c = 0; c < width; c++) {
                out[off + r * width + c] = (float) ring[row + c];
            }
        }
    }

    /** The latest complete patch, oldest frame first, row-major {@code [frames][width]}. */
    public void copyPatch(double[] out, int off) {
        for (int r = 0; r < frames; r++) {
            System.arraycopy(ring, ((next + r) % frames) * width, out, off + r * width, width);
        }
    }
}
