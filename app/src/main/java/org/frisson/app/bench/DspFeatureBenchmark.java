package org.frisson.app.bench;

import org.frisson.dsp.FeatureFrames;
import org.frisson.dsp.audio.LogMelSpectrogram;
import org.frisson.dsp.audio.PolyphaseResampler;
import org.frisson.dsp.eda.EdaDecomposer;
import org.frisson.dsp.eda.EdaQualityMonitor;
import org.frisson.dsp.eda.ScrDetector;
import org.frisson.dsp.eda.ScrEvents;
import org.frisson.dsp.eeg.DifferentialEntropy;
import org.frisson.dsp.music.LatentTransitionDetector;
import org.frisson.dsp.music.TransitionSettings;
import org.frisson.dsp.ppg.ElgendiPeakDetector;
import org.frisson.dsp.ppg.HeartRateTracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the streaming physiology and audio features, in the units the demo profile needs them: DE per
 * hop (250 ms of EEG, which ends in one frame), EDA and PPG per sample, log-mel and resampling per second
 * of audio. Each operation replays a fixed, realistic-looking input through one long-lived feature
 * instance, as a live stream would; run with the GC profiler for bytes allocated per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DspFeatureBenchmark {

    /** Chunks per second as LSL delivers them (10 ms). */
    static final int CHUNKS_PER_SECOND = 100;

    static float[] eeg(int channels, int samples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[channels * samples];
        for (int i = 0; i < samples; i++) {
            for (int c = 0; c < channels; c++) {
                x[i * channels + c] = (float) (10 * Math.sin(2 * Math.PI * (1 + c) * i / 128.0) + 5 * r.nextGaussian());
            }
        }
        return x;
    }

    /** DE at {@code channels} x {@code rate} Hz, 1 s window, 250 ms hop: one operation = one hop of input. */
    abstract static class DeState {
        DifferentialEntropy de;
        FeatureFrames out;
        float[] signal;
        int hop;
        int pos;
        int chunk;

        void setUp(int channels, int rate) {
            de = DifferentialEntropy.builder(channels, rate).build();
            hop = de.hopSamples();
            chunk = Math.max(1, rate / CHUNKS_PER_SECOND);
            out = new FeatureFrames(de.width(), de.maxFrames(chunk));
            signal = eeg(channels, rate * 8, 1);
        }

        int hop() {
            int produced = 0;
            int samples = signal.length / de.channels();
            for (int done = 0; done < hop; done += chunk) {
                int n = Math.min(chunk, hop - done);
                if (pos + n > samples) {
                    pos = 0;
                }
                out.clear();
                de.process(signal, pos * de.channels(), n, out);
                produced += out.size();
                pos += n;
            }
            return produced;
        }
    }

    @State(Scope.Thread)
    public static class Eeg32x128 extends DeState {
        @Setup
        public void setUp() {
            setUp(32, 128);
        }
    }

    @State(Scope.Thread)
    public static class Eeg64x1000 extends DeState {
        @Setup
        public void setUp() {
            setUp(64, 1000);
        }
    }

    /** DE, 32 channels at 128 Hz (DEAP, the demo profile): one 250 ms hop. */
    @Benchmark
    public int deHop32ch128Hz(Eeg32x128 s) {
        return s.hop();
    }

    /** DE, 64 channels at 1 kHz: one 250 ms hop. */
    @Benchmark
    public int deHop64ch1kHz(Eeg64x1000 s) {
        return s.hop();
    }

    /** Skin conductance at 32 Hz: decomposition, SCR detection and quality flags. */
    @State(Scope.Thread)
    public static class Eda {
        static final int RATE = 32;
        EdaDecomposer decomposer = new EdaDecomposer(RATE);
        ScrDetector scr = new ScrDetector(RATE);
        EdaQualityMonitor quality = new EdaQualityMonitor(RATE);
        ScrEvents events = new ScrEvents(64);
        double[] signal = new double[RATE * 120];
        double[] tonic = new double[RATE], phasic = new double[RATE];
        int[] flags = new int[RATE];
        int pos;

        @Setup
        public void setUp() {
            SplittableRandom r = new SplittableRandom(2);
            for (int i = 0; i < signal.length; i++) {
                double t = i / (double) RATE, dt = t % 15;
                signal[i] = 5 + 0.01 * r.nextGaussian() + 0.4 * (Math.exp(-dt / 2.0) - Math.exp(-dt / 0.75));
            }
        }
    }

    /** EDA: one second (32 samples, in one chunk) per invocation; reported per sample. */
    @Benchmark
    @OperationsPerInvocation(Eda.RATE)
    public int edaPerSample(Eda s) {
        if (s.pos + Eda.RATE > s.signal.length) {
            s.pos = 0;
        }
        s.decomposer.process(s.signal, s.pos, Eda.RATE, s.tonic, s.phasic, 0);
        s.events.clear();
        s.scr.process(s.phasic, 0, Eda.RATE, s.events);
        s.quality.process(s.signal, s.pos, Eda.RATE, s.flags, 0);
        s.pos += Eda.RATE;
        return s.events.size();
    }

    /** PPG at 64 Hz: Elgendi peaks, IBIs, heart rate and HRV updated every chunk. */
    @State(Scope.Thread)
    public static class Ppg {
        static final int RATE = 64;
        ElgendiPeakDetector detector = ElgendiPeakDetector.live(RATE);
        HeartRateTracker tracker = new HeartRateTracker(RATE);
        double[] signal = new double[RATE * 120];
        long[] peaks = new long[16];
        long offset;
        int pos;

        @Setup
        public void setUp() {
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < signal.length; i++) {
                double ph = (i / (double) RATE) % 0.85;
                signal[i] = Math.exp(-0.5 * Math.pow((ph - 0.2) / 0.06, 2))
                        + 0.4 * Math.exp(-0.5 * Math.pow((ph - 0.5) / 0.1, 2)) + 0.02 * r.nextGaussian();
            }
        }
    }

    /** PPG: one second (64 samples, in 10 ms chunks) per invocation; reported per sample. */
    @Benchmark
    @OperationsPerInvocation(Ppg.RATE)
    public double ppgPerSample(Ppg s) {
        int chunk = Math.max(1, Ppg.RATE / CHUNKS_PER_SECOND);
        for (int done = 0; done < Ppg.RATE; done += chunk) {
            if (s.pos + chunk > s.signal.length) {
                s.pos = 0;
            }
            int n = s.detector.process(s.signal, s.pos, chunk, s.peaks, 0);
            for (int k = 0; k < n; k++) {
                s.tracker.addBeat(s.peaks[k]);
            }
            s.pos += chunk;
            s.offset += chunk;
            s.tracker.update(s.offset);
        }
        return s.tracker.heartRate();
    }

    /** One second of audio, chunked every 10 ms. */
    @State(Scope.Thread)
    public static class Audio {
        LogMelSpectrogram musicnn = LogMelSpectrogram.musicnn();
        LogMelSpectrogram vggish = LogMelSpectrogram.vggish();
        PolyphaseResampler from48k = new PolyphaseResampler(48000, 16000);
        PolyphaseResampler from44k1 = new PolyphaseResampler(44100, 16000);
        FeatureFrames musicnnFrames = new FeatureFrames(musicnn.bands(), musicnn.maxFrames(160));
        FeatureFrames vggishFrames = new FeatureFrames(vggish.bands(), vggish.maxFrames(160));
        float[] audio16k = noise(16000, 4);
        float[] audio48k = noise(48000, 5);
        float[] audio44k1 = noise(44100, 6);
        float[] resampled = new float[from44k1.maxOutput(480)];

        static float[] noise(int n, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (0.1 * r.nextGaussian() + 0.3 * Math.sin(2 * Math.PI * 440 * i / n));
            }
            return x;
        }
    }

    /** MusiCNN log-mel: one second of 16 kHz audio. */
    @Benchmark
    public int logMelMusicnnPerSecond(Audio s) {
        int frames = 0;
        for (int pos = 0; pos < 16000; pos += 160) {
            s.musicnnFrames.clear();
            s.musicnn.process(s.audio16k, pos, 160, s.musicnnFrames);
            frames += s.musicnnFrames.size();
        }
        return frames;
    }

    /** VGGish log-mel: one second of 16 kHz audio. */
    @Benchmark
    public int logMelVggishPerSecond(Audio s) {
        int frames = 0;
        for (int pos = 0; pos < 16000; pos += 160) {
            s.vggishFrames.clear();
            s.vggish.process(s.audio16k, pos, 160, s.vggishFrames);
            frames += s.vggishFrames.size();
        }
        return frames;
    }

    /** Resampling 48 kHz to 16 kHz: one second of input. */
    @Benchmark
    public int resample48kTo16kPerSecond(Audio s) {
        int out = 0;
        for (int pos = 0; pos < 48000; pos += 480) {
            out += s.from48k.process(s.audio48k, pos, 480, s.resampled, 0);
        }
        return out;
    }

    /** Resampling 44.1 kHz to 16 kHz: one second of input. */
    @Benchmark
    public int resample44k1To16kPerSecond(Audio s) {
        int out = 0;
        for (int pos = 0; pos < 44100; pos += 441) {
            out += s.from44k1.process(s.audio44k1, pos, 441, s.resampled, 0);
        }
        return out;
    }

    /**
     * Latent transitions: a latent whose sections change every 16 s (so the PCA keeps learning and peaks
     * keep coming), replayed through one detector. One operation = one latent frame.
     */
    abstract static class LatentState {
        LatentTransitionDetector detector;
        double[][] frames;
        double rate;
        int next;
        long pushed;

        void setUp(int dimension, double rate, double span, long seed) {
            this.rate = rate;
            detector = new LatentTransitionDetector(dimension, rate, span, TransitionSettings.defaults());
            SplittableRandom r = new SplittableRandom(seed);
            double[][] centres = new double[6][dimension];
            for (double[] c : centres) {
                for (int i = 0; i < dimension; i++) {
                    c[i] = r.nextGaussian();
                }
            }
            frames = new double[(int) (96 * rate)][dimension];
            for (int k = 0; k < frames.length; k++) {
                double[] c = centres[(int) (k / rate / 16)];
                for (int i = 0; i < dimension; i++) {
                    frames[k][i] = c[i] + 0.3 * r.nextGaussian();
                }
            }
            for (int k = 0; k < frames.length; k++) { // past the warm-up, as in a running session
                push();
            }
        }

        boolean push() {
            boolean confirmed = detector.push(frames[next], pushed / rate) && detector.confirmed();
            next = (next + 1) % frames.length;
            pushed++;
            return confirmed;
        }
    }

    @State(Scope.Thread)
    public static class MusicnnLatent extends LatentState {
        @Setup
        public void setUp() {
            setUp(200, 2, 3.0, 11); // MusiCNN's penultimate layer, a 3 s patch every 0.5 s (the demo)
        }
    }

    @State(Scope.Thread)
    public static class EncodecLatent extends LatentState {
        @Setup
        public void setUp() {
            setUp(128, 75, 0, 12); // Encodec 24 kHz: 128 values at 75 frames/s; the seed's mean every 4 frames
        }
    }

    /** Latent transitions on MusiCNN's penultimate layer: one result (a mean, PCA update, variance, peaks). */
    @Benchmark
    public boolean latentMusicnnPerResult(MusicnnLatent s) {
        return s.push();
    }

    /** Latent transitions on an Encodec latent: one frame (every 4th makes a mean and updates the PCA). */
    @Benchmark
    public boolean latentEncodecPerFrame(EncodecLatent s) {
        return s.push();
    }
}
