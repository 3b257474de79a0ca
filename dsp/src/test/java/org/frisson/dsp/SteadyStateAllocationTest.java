package org.frisson.dsp;

import org.frisson.dsp.audio.LogMelSpectrogram;
import org.frisson.dsp.audio.PatchAssembler;
import org.frisson.dsp.audio.PolyphaseResampler;
import org.frisson.dsp.eda.EdaDecomposer;
import org.frisson.dsp.eda.EdaQualityMonitor;
import org.frisson.dsp.eda.ScrDetector;
import org.frisson.dsp.eda.ScrEvents;
import org.frisson.dsp.eda.TrialNormalizer;
import org.frisson.dsp.eeg.DifferentialEntropy;
import org.frisson.dsp.music.LatentTransitionDetector;
import org.frisson.dsp.music.TransitionSettings;
import org.frisson.dsp.ppg.ElgendiPeakDetector;
import org.frisson.dsp.ppg.HeartRateTracker;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once configured and warmed up, every streaming feature processes its chunks and emits its frames
 * without allocating on the Java heap: measured with the JVM's per-thread allocation counter, so other
 * threads and timing do not matter. Chunks arrive every 10 ms of signal (as LSL inlets deliver them).
 */
class SteadyStateAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    interface Work {
        void run(int round);
    }

    /**
     * Runs {@code work} (which replays the same input every round) until three rounds have allocated
     * nothing, at most {@value #MAX_ROUNDS} rounds. Code that allocates per sample, chunk or hop allocates in
     * every round, so it can never get there. The JIT compiler, however, may allocate a few bytes on the
     * calling thread in an odd round (when compiled code is deoptimised); such rounds are tolerated.
     */
    static void assertNoAllocation(String what, Work work) {
        assertTrue(THREADS.isThreadAllocatedMemorySupported());
        int zeroRounds = 0, rounds = 0;
        long fewest = Long.MAX_VALUE;
        work.run(0); // warm-up: class initialisation, first compilations
        while (zeroRounds < 3 && rounds < MAX_ROUNDS) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            work.run(++rounds);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            fewest = Math.min(fewest, allocated);
            zeroRounds += allocated == 0 ? 1 : 0;
        }
        assertEquals(0, fewest, what + ": bytes allocated per round in steady state (fewest of " + rounds + ")");
        assertEquals(3, zeroRounds, what + ": rounds without allocation");
    }

    static final int MAX_ROUNDS = 20;

    static double[] noise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void eegDifferentialEntropy() {
        for (int[] cfg : new int[][]{{32, 128}, {64, 1000}}) {
            int ch = cfg[0], fs = cfg[1], chunk = fs / 100 + 1;
            DifferentialEntropy de = DifferentialEntropy.builder(ch, fs).build();
            DifferentialEntropy seed = DifferentialEntropy.builder(ch, fs).method(DifferentialEntropy.Method.SEED)
                    .fftLength(RealFft.nextPowerOfTwo(fs)).build();
            double[] x = noise(ch * fs * 2, 1);
            float[] xf = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                xf[i] = (float) x[i];
            }
            FeatureFrames out = new FeatureFrames(de.width(), de.maxFrames(chunk));
            int samples = x.length / ch;
            long[] frames = new long[1];
            assertNoAllocation(ch + " ch at " + fs + " Hz DE", round -> {
                for (int pos = 0; pos + chunk <= samples; pos += chunk) {
                    out.clear();
                    de.process(x, pos * ch, chunk, out);
                    frames[0] += out.size();
                    out.clear();
                    de.process(xf, pos * ch, chunk, out);
                    frames[0] += out.size();
                    out.clear();
                    seed.process(x, pos * ch, chunk, out);
                }
            });
            assertTrue(frames[0] > 10, "frames were computed");
        }
    }

    @Test
    void skinConductance() {
        double fs = 32;
        int chunk = 1;
        EdaDecomposer d = new EdaDecomposer(fs);
        ScrDetector scr = new ScrDetector(fs);
        EdaQualityMonitor q = new EdaQualityMonitor(fs);
        TrialNormalizer tn = new TrialNormalizer();
        double[] x = noise(32 * 120, 2);
        for (int i = 0; i < x.length; i++) {
            x[i] = 5 + 0.05 * x[i] + ((i / 400) % 2) * 0.5; // steps make responses
        }
        double[] tonic = new double[chunk], phasic = new double[chunk];
        int[] flags = new int[chunk];
        ScrEvents events = new ScrEvents(16);
        assertNoAllocation("EDA", round -> {
            for (int pos = 0; pos < x.length; pos += chunk) {
                d.process(x, pos, chunk, tonic, phasic, 0);
                events.clear();
                scr.process(phasic, 0, chunk, events);
                q.process(x, pos, chunk, flags, 0);
                tn.add(x, pos, chunk);
            }
        });
    }

    @Test
    void ppgHeartRate() {
        double fs = 64;
        int chunk = 1;
        ElgendiPeakDetector det = ElgendiPeakDetector.live(fs);
        HeartRateTracker hr = new HeartRateTracker(fs);
        double[] x = new double[64 * 60];
        for (int i = 0; i < x.length; i++) {
            double ph = (i / fs) % 0.85;
            x[i] = Math.exp(-0.5 * Math.pow((ph - 0.2) / 0.06, 2));
        }
        long[] peaks = new long[det.maxPeaks(chunk)];
        long[] total = new long[1];
        assertNoAllocation("PPG", round -> {
            det.reset();
            hr.reset();
            for (int pos = 0; pos < x.length; pos += chunk) {
                int n = det.process(x, pos, chunk, peaks, 0);
                for (int k = 0; k < n; k++) {
                    hr.addBeat(peaks[k]);
                }
                hr.update(pos + chunk);
                total[0] += n;
            }
        });
        assertTrue(total[0] > 150, "beats were found: " + total[0]);
    }

    @Test
    void audioFrontEnds() {
        for (int rate : new int[]{48000, 44100}) {
            int chunk = rate / 100;
            PolyphaseResampler r = new PolyphaseResampler(rate, 16000);
            LogMelSpectrogram musicnn = LogMelSpectrogram.musicnn();
            LogMelSpectrogram vggish = LogMelSpectrogram.vggish();
            PatchAssembler examples = PatchAssembler.vggishExamples();
            double[] d = noise(rate * 3, 3);
            float[] in = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                in[i] = (float) (0.1 * d[i]);
            }
            float[] out = new float[r.maxOutput(chunk)];
            FeatureFrames m = new FeatureFrames(musicnn.bands(), musicnn.maxFrames(out.length));
            FeatureFrames v = new FeatureFrames(vggish.bands(), vggish.maxFrames(out.length));
            float[] patch = new float[96 * 64];
            assertNoAllocation("audio at " + rate + " Hz", round -> {
                for (int pos = 0; pos + chunk <= in.length; pos += chunk) {
                    int n = r.process(in, pos, chunk, out, 0);
                    m.clear();
                    musicnn.process(out, 0, n, m);
                    v.clear();
                    vggish.process(out, 0, n, v);
                    for (int f = 0; f < v.size(); f++) {
                        if (examples.add(v, f)) {
                            examples.copyPatch(patch, 0);
                        }
                    }
                }
            });
        }
    }

    @Test
    void latentTransitions() {
        // MusiCNN's 200-value layer every 0.5 s, sections alternating every 16 s: transitions keep coming
        int dim = 200;
        double rate = 2;
        double[] a = noise(dim, 7), b = noise(dim, 8), jitter = noise(dim * 64, 9);
        LatentTransitionDetector d = new LatentTransitionDetector(dim, rate, 3.0, TransitionSettings.defaults());
        double[] frame = new double[dim];
        long[] k = new long[1];
        long[] transitions = new long[1];
        assertNoAllocation("latent transitions", round -> {
            for (int i = 0; i < 64; i++, k[0]++) {
                double[] centre = (k[0] / 32) % 2 == 0 ? a : b;
                for (int j = 0; j < dim; j++) {
                    frame[j] = centre[j] + 0.1 * jitter[(i * dim + j) % jitter.length];
                }
                if (d.push(frame, k[0] / rate) && d.confirmed()) {
                    transitions[0]++;
                }
            }
        });
        assertTrue(transitions[0] > 2, "transitions were found: " + transitions[0]);
    }
}
