package org.frisson.models;

import org.frisson.dsp.FeatureFrames;
import org.frisson.dsp.audio.LogMelSpectrogram;
import org.frisson.dsp.audio.PolyphaseResampler;

/**
 * Turns mono audio at any rate into an embedder's patches as the audio arrives: resampling to the model's
 * rate ({@link PolyphaseResampler}), the log-mel front-end when the model takes log-mel
 * ({@link LogMelSpectrogram#musicnn()}) or frames of {@code inputWidth} consecutive samples when it takes the
 * waveform, and a patch of {@code windowFrames} frames every {@code hopFrames} frames once the first patch is
 * complete: patch k covers frames {@code [k hop, k hop + window)}, as musicnn's own batching does. Every buffer
 * is allocated at construction; feeding audio allocates nothing.
 */
public final class PatchStream {

    /** Receives each completed patch; the array is reused for the next one. */
    public interface Sink {
        /**
         * @param patch    {@code windowFrames * inputWidth} values, oldest frame first
         * @param endFrame frames produced since reset when the patch completed (its last frame is endFrame - 1)
         */
        void patch(float[] patch, long endFrame);
    }

    /** Audio samples handled per internal step (bounds every buffer, and how late {@link #inputConsumed} may run). */
    static final int STEP = 1024;

    private final int window;
    private final int width;
    private final int hop;
    private final PolyphaseResampler resampler;
    private final LogMelSpectrogram logmel;
    private final FeatureFrames frames;
    private final float[] resampled;
    private final float[] ring;
    private final float[] patch;
    private long produced;
    private long consumed;
    /** Samples already in the waveform frame being filled. */
    private int filled;
    /** Frames produced when the last patch was emitted (0 before the first). */
    private long lastPatchEnd;

    /**
     * @param spec       the embedder's contract (input kind, rate, window, width)
     * @param inputRate  the audio's sample rate, Hz
     * @param hopFrames  frames between patches (at least 1)
     */
    public PatchStream(EmbedderSpec spec, int inputRate, int hopFrames) {
        if (hopFrames < 1) {
            throw new IllegalArgumentException("hop must be at least one frame, got " + hopFrames);
        }
        this.window = spec.windowFrames();
        this.width = spec.inputWidth();
        this.hop = hopFrames;
        this.resampler = inputRate == spec.sampleRate() ? null : new PolyphaseResampler(inputRate, spec.sampleRate());
        int maxOut = resampler == null ? STEP : Math.max(resampler.maxOutput(STEP), resampler.maxOutput(0) + STEP);
        this.resampled = new float[maxOut + 64];
        switch (spec.input()) {
            case "logmel" -> {
                logmel = LogMelSpectrogram.musicnn();
                if (logmel.sampleRate() != spec.sampleRate() || logmel.bands() != width
                        || Math.abs(spec.frameRate() - (double) logmel.sampleRate() / logmel.hop()) > 1e-9) {
                    throw new IllegalArgumentException(spec.model() + ": log-mel input of " + width + " bands at "
                            + spec.frameRate() + " frames/s is not MusiCNN's front-end");
                }
                frames = new FeatureFrames(width, logmel.maxFrames(resampled.length) + 8);
            }
            case "waveform" -> {
                logmel = null;
                frames = null;
            }
            default -> throw new IllegalArgumentException(spec.model() + ": unknown input '" + spec.input() + "'");
        }
        this.ring = new float[window * width];
        this.patch = new float[window * width];
    }

    /**
     * Input samples taken in since reset, up to the end of the step being processed: while a sink runs, the
     * patch it receives depends on no sample after this one (and on samples at most {@link #STEP} before it).
     */
    public long inputConsumed() {
        return consumed;
    }

    /** Model frames produced since reset. */
    public long frames() {
        return produced;
    }

    public void reset() {
        if (resampler != null) {
            resampler.reset();
        }
        if (logmel != null) {
            logmel.reset();
        }
        produced = 0;
        consumed = 0;
        filled = 0;
        lastPatchEnd = 0;
    }

    /** Feeds {@code n} mono samples; calls {@code sink} for every patch they complete. */
    public void feed(float[] audio, int off, int n, Sink sink) {
        for (int done = 0; done < n; ) {
            int step = Math.min(STEP, n - done);
            consumed += step;
            if (resampler == null) {
                System.arraycopy(audio, off + done, resampled, 0, step);
                model(resampled, step, sink);
            } else {
                model(resampled, resampler.process(audio, off + done, step, resampled, 0), sink);
            }
            done += step;
        }
    }

    /** End of the signal: the resampler's tail and the log-mel's last (zero-padded) frames. */
    public void flush(Sink sink) {
        int n = resampler == null ? 0 : resampler.flush(resampled, 0);
        model(resampled, n, sink);
        if (logmel != null) {
            frames.clear();
            logmel.flush(frames);
            addFrames(sink);
        }
    }

    private void model(float[] samples, int n, Sink sink) {
        if (logmel == null) {
            for (int i = 0; i < n; i++) {
                ring[(int) (produced % window) * width + filled] = samples[i];
                if (++filled == width) {
                    filled = 0;
                    completed(sink);
                }
            }
            return;
        }
        frames.clear();
        logmel.process(samples, 0, n, frames);
        addFrames(sink);
    }

    private void addFrames(Sink sink) {
        for (int f = 0; f < frames.size(); f++) {
            int row = (int) (produced % window) * width;
            for (int b = 0; b < width; b++) {
                ring[row + b] = (float) frames.value(f, b);
            }
            completed(sink);
        }
    }

    /**
     * Emits the newest {@code window} frames as one more patch when frames completed since the last patch (and
     * a whole window exists): the end of a signal whose last frames fall between two hops. Returns whether it
     * did. A waveform frame still being filled is left out.
     */
    public boolean emitNewest(Sink sink) {
        if (produced < window || produced == lastPatchEnd) {
            return false;
        }
        emit(sink);
        return true;
    }

    /** Counts the frame just written; emits a patch when one is due. */
    private void completed(Sink sink) {
        produced++;
        if (produced >= window && (produced - window) % hop == 0) {
            emit(sink);
        }
    }

    private void emit(Sink sink) {
        int oldest = (int) (produced % window);
        int head = (window - oldest) * width;
        System.arraycopy(ring, oldest * width, patch, 0, head);
        System.arraycopy(ring, 0, patch, head, oldest * width);
        lastPatchEnd = produced;
        sink.patch(patch, produced);
    }
}
