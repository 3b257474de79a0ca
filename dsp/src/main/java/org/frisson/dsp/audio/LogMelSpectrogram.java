package org.frisson.dsp.audio;

import org.frisson.dsp.FeatureFrames;
import org.frisson.dsp.RealFft;
import org.frisson.dsp.Windows;

/**
 * Streaming log-mel spectrogram of mono audio: frames of {@code window} samples every {@code hop}, a
 * periodic Hann window, a zero-padded FFT, power or magnitude, a {@link MelFilterBank}, a log. Each frame
 * is appended to the caller's {@link FeatureFrames} (one value per mel band). Two configurations are the
 * front-ends of the audio models:
 * <ul>
 *   <li>{@link #musicnn()}: MusiCNN's preprocessing ({@code librosa.feature.melspectrogram(y, sr=16000,
 *       n_fft=512, hop_length=256, n_mels=96)} with librosa's defaults: Hann, centred frames, power 2,
 *       Slaney mel scale and normalisation, then {@code log10(10000 x + 1)}). librosa 0.10 and later pad
 *       centred frames with zeros ({@code pad_mode='constant'}); that is what is matched here: frame t is
 *       centred on sample {@code t hop}, samples before the start and after the end are 0, and a signal of
 *       n samples gives {@code 1 + n / hop} frames (the last ones at {@link #flush}).</li>
 *   <li>{@link #vggish()}: VGGish's {@code waveform_to_examples}: 25 ms (400 sample) windows every 10 ms
 *       (160 samples) at 16 kHz, not centred ({@code 1 + (n - 400) / 160} frames), FFT length 512,
 *       magnitude, 64 HTK mel bands 125–7500 Hz, {@code ln(x + 0.01)}; {@link PatchAssembler} groups the
 *       frames into 0.96 s examples of 96 x 64.</li>
 * </ul>
 * A frame's end sample in {@link FeatureFrames} is one past its last input sample (for centred frames,
 * {@code t hop + nfft / 2}, which can lie beyond the signal's end for the last frames). Allocates nothing
 * after construction.
 */
public final class LogMelSpectrogram {

    /** Spectrum fed to the mel bank. */
    public enum Spectrum { POWER, MAGNITUDE }

    /** The log applied to mel energies. */
    public enum Log {
        /** MusiCNN: {@code log10(10000 x + 1)}. */
        MUSICNN {
            @Override
            double apply(double x) {
                return Math.log10(10000 * x + 1);
            }
        },
        /** VGGish: {@code ln(x + 0.01)}. */
        VGGISH {
            @Override
            double apply(double x) {
                return Math.log(x + 0.01);
            }
        };

        abstract double apply(double x);
    }

    /** MusiCNN: sample rate (musicnn configuration SR). */
    public static final int MUSICNN_SAMPLE_RATE = 16000;
    /** MusiCNN: FFT size (musicnn configuration FFT_SIZE). */
    public static final int MUSICNN_FFT = 512;
    /** MusiCNN: hop (musicnn configuration FFT_HOP). */
    public static final int MUSICNN_HOP = 256;
    /** MusiCNN: mel bands (musicnn configuration N_MELS). */
    public static final int MUSICNN_MELS = 96;

    /** VGGish: sample rate (vggish_params SAMPLE_RATE). */
    public static final int VGGISH_SAMPLE_RATE = 16000;
    /** VGGish: 25 ms window (vggish_params STFT_WINDOW_LENGTH_SECONDS) at 16 kHz. */
    public static final int VGGISH_WINDOW = 400;
    /** VGGish: 10 ms hop (vggish_params STFT_HOP_LENGTH_SECONDS) at 16 kHz. */
    public static final int VGGISH_HOP = 160;
    /** VGGish: FFT length, the window rounded up to a power of two (mel_features.log_mel_spectrogram). */
    public static final int VGGISH_FFT = 512;
    /** VGGish: mel bands (vggish_params NUM_MEL_BINS). */
    public static final int VGGISH_MELS = 64;
    /** VGGish: mel range, Hz (vggish_params MEL_MIN_HZ, MEL_MAX_HZ). */
    public static final double VGGISH_MEL_MIN_HZ = 125, VGGISH_MEL_MAX_HZ = 7500;
    /** VGGish: frames per example and hop between examples (0.96 s at 100 frames/s, vggish_params). */
    public static final int VGGISH_EXAMPLE_FRAMES = 96;

    private final int sampleRate;
    private final int window;
    private final int hop;
    private final boolean centered;
    private final Spectrum spectrum;
    private final Log log;
    private final MelFilterBank mel;
    private final RealFft fft;
    private final double[] hann;
    private final double[] ring;    // last `window` samples of the (padded) signal, doubled
    private final double[] frame;
    private final double[] power;
    private final double[] melOut;
    private int writePos;
    private long padded;            // samples in the padded signal so far
    private long real;              // input samples so far
    private long frames;            // frames emitted
    private boolean flushed;

    public LogMelSpectrogram(int sampleRate, int window, int fftLength, int hop, boolean centered,
                             Spectrum spectrum, MelFilterBank mel, Log log) {
        if (window < 2 || fftLength < window || hop < 1) {
            throw new IllegalArgumentException("need 2 <= window <= fftLength and hop >= 1, got window " + window
                    + ", fft " + fftLength + ", hop " + hop);
        }
        if (mel.bins() != fftLength / 2 + 1) {
            throw new IllegalArgumentException("mel bank expects " + mel.bins() + " bins, FFT gives " + (fftLength / 2 + 1));
        }
        if (centered && window != fftLength) {
            throw new IllegalArgumentException("centred frames are supported for window == FFT length (librosa's case)");
        }
        this.sampleRate = sampleRate;
        this.window = window;
        this.hop = hop;
        this.centered = centered;
        this.spectrum = spectrum;
        this.log = log;
        this.mel = mel;
        this.fft = new RealFft(fftLength);
        this.hann = Windows.periodicHann(window);
        this.ring = new double[2 * window];
        this.frame = new double[fftLength];
        this.power = new double[fft.bins()];
        this.melOut = new double[mel.bands()];
        reset();
    }

    /** MusiCNN's log-mel front-end (16 kHz input). */
    public static LogMelSpectrogram musicnn() {
        return new LogMelSpectrogram(MUSICNN_SAMPLE_RATE, MUSICNN_FFT, MUSICNN_FFT, MUSICNN_HOP, true, Spectrum.POWER,
                MelFilterBank.slaney(MUSICNN_SAMPLE_RATE, MUSICNN_FFT, MUSICNN_MELS, 0, MUSICNN_SAMPLE_RATE / 2.0),
                Log.MUSICNN);
    }

    /** VGGish's log-mel front-end (16 kHz input). */
    public static LogMelSpectrogram vggish() {
        return new LogMelSpectrogram(VGGISH_SAMPLE_RATE, VGGISH_WINDOW, VGGISH_FFT, VGGISH_HOP, false, Spectrum.MAGNITUDE,
                MelFilterBank.vggish(VGGISH_SAMPLE_RATE, VGGISH_FFT / 2 + 1, VGGISH_MELS, VGGISH_MEL_MIN_HZ,
                        VGGISH_MEL_MAX_HZ),
                Log.VGGISH);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int hop() {
        return hop;
    }

    /** Values per frame (mel bands). */
    public int bands() {
        return mel.bands();
    }

    /** Most frames {@code samples} new samples can produce (including what {@link #flush} adds). */
    public int maxFrames(int samples) {
        return (samples + window) / hop + 2;
    }

    public void reset() {
        java.util.Arrays.fill(ring, 0.0);
        writePos = 0;
        padded = 0;
        real = 0;
        frames = 0;
        flushed = false;
        if (centered) {
            for (int i = 0; i < window / 2; i++) {
                append(0.0);
            }
        }
    }

    /** Feeds {@code n} samples (mono, at {@link #sampleRate()}); completed frames go to {@code out}. */
    public void process(float[] audio, int off, int n, FeatureFrames out) {
        check(out);
        for (int i = 0; i < n; i++) {
            append(audio[off + i]);
            real++;
            emitReady(out);
        }
    }

    /** Double-precision input. */
    public void process(double[] audio, int off, int n, FeatureFrames out) {
        check(out);
        for (int i = 0; i < n; i++) {
            append(audio[off + i]);
            real++;
            emitReady(out);
        }
    }

    /**
     * End of the signal: for centred frames, the frames that reach past the end (zero padded), so the
     * total is librosa's {@code 1 + n / hop}; nothing for uncentred frames. Call {@link #reset()} before reuse.
     */
    public void flush(FeatureFrames out) {
        check(out);
        if (flushed || !centered) {
            flushed = true;
            return;
        }
        flushed = true;
        long total = 1 + real / hop;
        while (frames < total) {
            append(0.0);
            emitReady(out);
        }
    }

    private void check(FeatureFrames out) {
        if (out.width() != mel.bands()) {
            throw new IllegalArgumentException("output frames have width " + out.width() + ", need " + mel.bands());
        }
        if (flushed) {
            throw new IllegalStateException("flushed: reset() before feeding more audio");
        }
    }

    private void append(double x) {
        ring[writePos] = x;
        ring[writePos + window] = x;
        writePos = writePos + 1 == window ? 0 : writePos + 1;
        padded++;
    }

    private void emitReady(FeatureFrames out) {
        // frame t covers padded samples [t hop, t hop + window)
        if (padded - window == frames * hop) {
            emit(out);
        }
    }

    private void emit(FeatureFrames out) {
        // the last `window` samples, oldest first, start at writePos in the doubled ring
        for (int i = 0; i < window; i++) {
            frame[i] = ring[writePos + i] * hann[i];
        }
        java.util.Arrays.fill(frame, window, frame.length, 0.0);
        fft.power(frame, power);
        if (spectrum == Spectrum.MAGNITUDE) {
            for (int k = 0; k < power.length; k++) {
                power[k] = Math.sqrt(power[k]);
            }
        }
        mel.apply(power, melOut, 0);
        long end = centered ? frames * hop + window / 2 : frames * hop + window;
        int f = out.append(end);
        for (int m = 0; m < melOut.length; m++) {
            out.set(f, m, log.apply(melOut[m]), 0);
        }
        frames++;
    }
}
