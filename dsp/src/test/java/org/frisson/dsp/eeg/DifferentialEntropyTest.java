package org.frisson.dsp.eeg;

import org.frisson.dsp.FeatureFrames;
import org.frisson.dsp.QualityFlags;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DifferentialEntropyTest {

    static double[] noise(int samples, int channels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[samples * channels];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 * r.nextGaussian();
        }
        return x;
    }

    static FeatureFrames run(DifferentialEntropy de, double[] x, int samples, int chunk) {
        FeatureFrames all = new FeatureFrames(de.width(), samples / de.hopSamples() + 2);
        FeatureFrames part = new FeatureFrames(de.width(), de.maxFrames(chunk));
        for (int pos = 0; pos < samples; pos += chunk) {
            part.clear();
            de.process(x, pos * de.channels(), Math.min(chunk, samples - pos), part);
            for (int f = 0; f < part.size(); f++) {
                int g = all.append(part.endSample(f));
                for (int i = 0; i < de.width(); i++) {
                    all.set(g, i, part.value(f, i), part.flags(f, i));
                }
            }
        }
        return all;
    }

    @Test
    void nonFiniteSampleSpoilsOnlyItsChannelAndOnlyWhileInTheWindow() {
        int ch = 4, fs = 128, samples = fs * 6;
        double[] clean = noise(samples, ch, 3);
        double[] dirty = clean.clone();
        int badSample = 300;
        dirty[badSample * ch + 2] = Double.NaN;
        dirty[(badSample + 40) * ch + 0] = Double.POSITIVE_INFINITY;
        FeatureFrames a = run(DifferentialEntropy.builder(ch, fs).build(), clean, samples, 17);
        FeatureFrames b = run(DifferentialEntropy.builder(ch, fs).build(), dirty, samples, 17);
        assertEquals(a.size(), b.size());
        int bands = FrequencyBand.SEED_BANDS.size();
        int spoiled = 0;
        for (int f = 0; f < a.size(); f++) {
            long end = b.endSample(f), start = end - fs;
            for (int c = 0; c < ch; c++) {
                boolean hit = (c == 2 && start <= badSample && badSample < end)
                        || (c == 0 && start <= badSample + 40 && badSample + 40 < end);
                for (int k = 0; k < bands; k++) {
                    int i = c * bands + k;
                    if (hit) {
                        assertTrue(Double.isNaN(b.value(f, i)), "frame " + f + " channel " + c);
                        assertEquals(QualityFlags.NON_FINITE_INPUT, b.flags(f, i));
                        spoiled++;
                    } else {
                        assertEquals(a.value(f, i), b.value(f, i), 0.0, "frame " + f + " channel " + c + " band " + k);
                        assertEquals(0, b.flags(f, i));
                    }
                }
            }
        }
        assertTrue(spoiled > 0);
    }

    @Test
    void chunkSizeDoesNotChangeTheResult() {
        int ch = 3, fs = 250, samples = fs * 5;
        double[] x = noise(samples, ch, 9);
        FeatureFrames one = run(DifferentialEntropy.builder(ch, fs).hopSeconds(0.1).build(), x, samples, 1);
        FeatureFrames big = run(DifferentialEntropy.builder(ch, fs).hopSeconds(0.1).build(), x, samples, 997);
        assertEquals(one.size(), big.size());
        for (int f = 0; f < one.size(); f++) {
            assertEquals(one.endSample(f), big.endSample(f));
            for (int i = 0; i < one.width(); i++) {
                assertEquals(one.value(f, i), big.value(f, i), 0.0);
            }
        }
    }

    @Test
    void whiteNoiseBandVarianceIsItsShareOfTheTotal() {
        // Parseval with the window's power normalisation: white noise of variance v has v * width / (fs / 2) in
        // a band, except that removing each window's mean takes 1/6 of the power of the bin next to DC (for a
        // Hann window: E|X1|^2 drops from 3N/8 to 5N/16 times v), so delta (bins 1, 2, 3) expects (5/6 + 2) / 3.
        // Averaged over 2000 independent 1 s windows the estimate is within 4% (about 4 standard errors for
        // delta's three bins, more for the wider bands).
        int fs = 128, samples = fs * 2000;
        double[] x = noise(samples, 1, 11);
        DifferentialEntropy de = DifferentialEntropy.builder(1, fs).hopSeconds(1.0).build();
        FeatureFrames out = run(de, x, samples, 1024);
        List<FrequencyBand> bands = de.bands();
        for (int b = 0; b < bands.size(); b++) {
            double mean = 0;
            for (int f = 0; f < out.size(); f++) {
                mean += Math.exp(2 * out.value(f, b)) / (2 * Math.PI * Math.E);
            }
            mean /= out.size();
            double width = bands.get(b).highHz() - bands.get(b).lowHz();
            double expected = 100 * width / (fs / 2.0) * (b == 0 ? (5.0 / 6 + 2) / 3 : 1.0);
            assertEquals(1.0, mean / expected, 0.04, bands.get(b).name());
        }
    }

    @Test
    void impossibleConfigurationsAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DifferentialEntropy.builder(2, 64).build());
        assertTrue(e.getMessage().contains("Nyquist") && e.getMessage().contains("64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DifferentialEntropy.builder(2, 256)
                .method(DifferentialEntropy.Method.SEED).windowSeconds(0.5).fftLength(128).build());
        assertTrue(e.getMessage().contains("MATLAB index 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DifferentialEntropy.builder(2, 200)
                .method(DifferentialEntropy.Method.SEED).hopSeconds(0.25).build());
        assertThrows(IllegalArgumentException.class, () -> DifferentialEntropy.builder(2, 200)
                .method(DifferentialEntropy.Method.SEED).windowSeconds(1.0025).build());
    }

    @Test
    void namesAndUnits() {
        DifferentialEntropy de = DifferentialEntropy.builder(2, 128).channelNames(List.of("Fp1", "Fp2")).build();
        assertEquals("Fp1/delta", de.featureName(0));
        assertEquals("Fp2/gamma", de.featureName(9));
        assertEquals("nat", de.unit());
        assertEquals(128, de.windowSamples());
        assertEquals(32, de.hopSamples());
        assertEquals(128, de.fftLength());
        assertEquals(1024, DifferentialEntropy.builder(1, 1000).build().fftLength());
    }
}
