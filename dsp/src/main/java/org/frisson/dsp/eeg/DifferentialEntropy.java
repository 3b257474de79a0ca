package org.frisson.dsp.eeg;

import org.frisson.dsp.FeatureFrames;
import org.frisson.dsp.QualityFlags;
import org.frisson.dsp.RealFft;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming EEG differential entropy per channel and band (seed 001: DE = 1/2 log(2 pi e sigma^2) of the
 * band-limited signal, sigma^2 from STFT band power). Samples arrive in interleaved chunks of any size;
 * every hop, once a full window is buffered, one frame of {@code channels x bands} values is appended to
 * the caller's {@link FeatureFrames} (value index {@code channel * bands + band}).
 *
 * <p>Two definitions:
 * <ul>
 *   <li>{@link Method#PERIODOGRAM} (default): {@code DE = 0.5 ln(2 pi e sigma^2)} in nats, sigma^2 the band
 *       variance of {@link BandPower} (Hann-windowed periodogram, PSD-scaled, integrated over the band).</li>
 *   <li>{@link Method#SEED}: the SEED dataset's reference code, {@code DE = log2(100 E)} with E from
 *       {@link SeedBandEnergy}; windows do not overlap (hop = window).</li>
 * </ul>
 * A channel whose current window holds a NaN or infinity gets NaN for every band of that frame, flagged
 * {@link QualityFlags#NON_FINITE_INPUT}; other channels are unaffected. Memory is fixed at construction:
 * one window per channel, one FFT work space; nothing is allocated per sample or per hop when the FFT
 * length is a power of two (the default rounds up to one).
 */
public final class DifferentialEntropy {

    /** Which definition of DE to compute. */
    public enum Method { PERIODOGRAM, SEED }

    /** Default window: 1 s (seed 001; 4 s is also common). */
    public static final double DEFAULT_WINDOW_SECONDS = 1.0;
    /** Default hop for online use: 250 ms (seed 001 / design: one frame per hop). */
    public static final double DEFAULT_HOP_SECONDS = 0.25;
    /** FFT length of the SEED reference code ({@code stft_para.stftn}). */
    public static final int SEED_NFFT = 512;

    private static final double TWO_PI_E = 2 * Math.PI * Math.E;

    private final int channels;
    private final double sampleRate;
    private final int window;
    private final int hop;
    private final Method method;
    private final List<FrequencyBand> bands;
    private final List<String> channelNames;
    private final BandPower bandPower;
    private final SeedBandEnergy seedEnergy;
    private final int fftLength;

    private final double[] ring;       // [channel][window]
    private final int[] nonFinite;     // non-finite samples currently in each channel's window
    private final double[] linear;     // one channel's window, oldest first
    private final double[] bandValues;
    private int pos;
    private long count;

    private DifferentialEntropy(Builder b) {
        this.channels = b.channels;
        this.sampleRate = b.sampleRate;
        this.method = b.method;
        this.bands = List.copyOf(b.bands);
        this.window = samples("window", b.windowSeconds, b.sampleRate, method == Method.SEED);
        int h = method == Method.SEED ? window : samples("hop", b.hopSeconds, b.sampleRate, false);
        if (method == Method.SEED && b.hopSeconds != null && samples("hop", b.hopSeconds, b.sampleRate, false) != window) {
            throw new IllegalArgumentException("the SEED method uses non-overlapping windows: hop must equal the window");
        }
        this.hop = h;
        if (b.channelNames != null) {
            if (b.channelNames.size() != channels) {
                throw new IllegalArgumentException(b.channelNames.size() + " channel names for " + channels + " channels");
            }
            this.channelNames = List.copyOf(b.channelNames);
        } else {
            List<String> names = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                names.add("ch" + (c + 1));
            }
            this.channelNames = List.copyOf(names);
        }
        if (method == Method.SEED) {
            this.fftLength = b.fftLength > 0 ? b.fftLength : SEED_NFFT;
            this.seedEnergy = new SeedBandEnergy(sampleRate, window, fftLength, bands);
            this.bandPower = null;
        } else {
            this.fftLength = b.fftLength > 0 ? b.fftLength : RealFft.nextPowerOfTwo(window);
            this.bandPower = new BandPower(sampleRate, window, fftLength, bands);
            this.seedEnergy = null;
        }
        this.ring = new double[channels * window];
        this.nonFinite = new int[channels];
        this.linear = new double[window];
        this.bandValues = new double[bands.size()];
    }

    private static int samples(String what, Double seconds, double fs, boolean exact) {
        double s = seconds * fs;
        long n = Math.round(s);
        if (n < 1) {
            throw new IllegalArgumentException(what + " of " + seconds + " s is shorter than one sample at " + fs + " Hz");
        }
        if (exact && Math.abs(s - n) > 1e-9) {
            throw new IllegalArgumentException(what + " of " + seconds + " s is not a whole number of samples at "
                    + fs + " Hz");
        }
        return (int) n;
    }

    public static Builder builder(int channels, double sampleRate) {
        return new Builder(channels, sampleRate);
    }

    /** Configuration; every setting has a default from seed 001. */
    public static final class Builder {
        private final int channels;
        private final double sampleRate;
        private Double windowSeconds = DEFAULT_WINDOW_SECONDS;
        private Double hopSeconds;
        private List<FrequencyBand> bands = FrequencyBand.SEED_BANDS;
        private Method method = Method.PERIODOGRAM;
        private int fftLength;
        private List<String> channelNames;

        private Builder(int channels, double sampleRate) {
            if (channels < 1) {
                throw new IllegalArgumentException("channels must be positive, got " + channels);
            }
            if (!(sampleRate > 0) || !Double.isFinite(sampleRate)) {
                throw new IllegalArgumentException("sampling rate must be positive and finite, got " + sampleRate);
            }
            this.channels = channels;
            this.sampleRate = sampleRate;
        }

        public Builder windowSeconds(double s) {
            this.windowSeconds = s;
            return this;
        }

        public Builder hopSeconds(double s) {
            this.hopSeconds = s;
            return this;
        }

        public Builder bands(List<FrequencyBand> b) {
            if (b.isEmpty()) {
                throw new IllegalArgumentException("at least one band is needed");
            }
            this.bands = b;
            return this;
        }

        public Builder method(Method m) {
            this.method = m;
            return this;
        }

        /** FFT length (zero padding); default: the window rounded up to a power of two, or 512 for SEED. */
        public Builder fftLength(int n) {
            this.fftLength = n;
            return this;
        }

        public Builder channelNames(List<String> names) {
            this.channelNames = names;
            return this;
        }

        public DifferentialEntropy build() {
            if (hopSeconds == null && method == Method.PERIODOGRAM) {
                hopSeconds = DEFAULT_HOP_SECONDS;
            }
            return new DifferentialEntropy(this);
        }
    }

    public int channels() {
        return channels;
    }

    public List<FrequencyBand> bands() {
        return bands;
    }

    public List<String> channelNames() {
        return channelNames;
    }

    public Method method() {
        return method;
    }

    public double sampleRate() {
        return sampleRate;
    }

    /** Window length in samples. */
    public int windowSamples() {
        return window;
    }

    /** Hop in samples. */
    public int hopSamples() {
        return hop;
    }

    public int fftLength() {
        return fftLength;
    }

    /** Values per frame: channels x bands. */
    public int width() {
        return channels * bands.size();
    }

    /** Name of value {@code index} of a frame, {@code "<channel>/<band>"}. */
    public String featureName(int index) {
        return channelNames.get(index / bands.size()) + "/" + bands.get(index % bands.size()).name();
    }

    /** Unit of the values. */
    public String unit() {
        return method == Method.SEED ? "log2(100 * mean |X|^2)" : "nat";
    }

    /** Most frames a chunk of {@code samples} samples can produce. */
    public int maxFrames(int samples) {
        return samples / hop + 1;
    }

    /** Forgets all samples. */
    public void reset() {
        java.util.Arrays.fill(ring, 0.0);
        java.util.Arrays.fill(nonFinite, 0);
        pos = 0;
        count = 0;
    }

    /** Feeds {@code samples} interleaved samples ({@code channels} values each) from {@code data[offset..]}. */
    public void process(float[] data, int offset, int samples, FeatureFrames out) {
        checkOut(out);
        for (int s = 0; s < samples; s++) {
            int base = offset + s * channels;
            for (int c = 0; c < channels; c++) {
                put(c, data[base + c]);
            }
            advance(out);
        }
    }

    /** Feeds {@code samples} interleaved samples ({@code channels} values each) from {@code data[offset..]}. */
    public void process(double[] data, int offset, int samples, FeatureFrames out) {
        checkOut(out);
        for (int s = 0; s < samples; s++) {
            int base = offset + s * channels;
            for (int c = 0; c < channels; c++) {
                put(c, data[base + c]);
            }
            advance(out);
        }
    }

    private void checkOut(FeatureFrames out) {
        if (out.width() != width()) {
            throw new IllegalArgumentException("output frames have width " + out.width() + ", DE needs " + width());
        }
    }

    private void put(int c, double v) {
        int i = c * window + pos;
        if (!Double.isFinite(ring[i])) {
            nonFinite[c]--;
        }
        ring[i] = v;
        if (!Double.isFinite(v)) {
            nonFinite[c]++;
        }
    }

    private void advance(FeatureFrames out) {
        pos = pos + 1 == window ? 0 : pos + 1;
        count++;
        if (count >= window && (count - window) % hop == 0) {
            emit(out);
        }
    }

    private void emit(FeatureFrames out) {
        int f = out.append(count);
        int nb = bands.size();
        for (int c = 0; c < channels; c++) {
            if (nonFinite[c] > 0) {
                for (int b = 0; b < nb; b++) {
                    out.set(f, c * nb + b, Double.NaN, QualityFlags.NON_FINITE_INPUT);
                }
                continue;
            }
            int base = c * window;
            // pos is the oldest sample once the ring is full
            System.arraycopy(ring, base + pos, linear, 0, window - pos);
            System.arraycopy(ring, base, linear, window - pos, pos);
            if (method == Method.SEED) {
                seedEnergy.estimate(linear, 0, bandValues, 0);
                for (int b = 0; b < nb; b++) {
                    out.set(f, c * nb + b, log2(100 * bandValues[b]), 0);
                }
            } else {
                bandPower.estimate(linear, 0, bandValues, 0);
                for (int b = 0; b < nb; b++) {
                    out.set(f, c * nb + b, 0.5 * Math.log(TWO_PI_E * bandValues[b]), 0);
                }
            }
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
