package org.frisson.dsp.audio;

import org.frisson.dsp.FeatureFrames;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioBehaviourTest {

    static float[] tone(double hz, int rate, double seconds) {
        float[] x = new float[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    @Test
    void resamplingKeepsThePassbandAndRemovesWhatWouldAlias() {
        // 48 kHz -> 16 kHz: a 1 kHz tone keeps its level; a 12 kHz tone (above the new Nyquist) would fold to
        // 4 kHz and must be attenuated by the Kaiser (beta 5) filter's stopband, over 50 dB.
        for (double hz : new double[]{1000, 12000}) {
            float[] in = tone(hz, 48000, 1.0);
            PolyphaseResampler r = new PolyphaseResampler(48000, 16000);
            float[] out = new float[r.maxOutput(in.length) + r.maxOutput(0)];
            int n = r.process(in, 0, in.length, out, 0);
            n += r.flush(out, n);
            assertEquals(16000, n);
            double level = rms(out, 2000, 14000) / (0.5 / Math.sqrt(2));
            if (hz < 8000) {
                assertEquals(1.0, level, 1e-3, "passband gain");
            } else {
                assertTrue(20 * Math.log10(level) < -50, "alias at " + 20 * Math.log10(level) + " dB");
            }
        }
    }

    @Test
    void logMelDoesNotDependOnChunkSize() {
        float[] audio = tone(440, 16000, 2.3);
        for (boolean vggish : new boolean[]{false, true}) {
            double[][] results = new double[2][];
            int[] chunks = {1, 4093};
            for (int c = 0; c < 2; c++) {
                LogMelSpectrogram lm = vggish ? LogMelSpectrogram.vggish() : LogMelSpectrogram.musicnn();
                FeatureFrames all = new FeatureFrames(lm.bands(), 1000);
                FeatureFrames part = new FeatureFrames(lm.bands(), lm.maxFrames(chunks[c]));
                java.util.List<Double> values = new java.util.ArrayList<>();
                for (int pos = 0; pos <= audio.length; pos += chunks[c]) {
                    part.clear();
                    if (pos < audio.length) {
                        lm.process(audio, pos, Math.min(chunks[c], audio.length - pos), part);
                    }
                    if (pos + chunks[c] > audio.length) {
                        lm.flush(part);
                    }
                    for (int f = 0; f < part.size(); f++) {
                        for (int m = 0; m < lm.bands(); m++) {
                            values.add(part.value(f, m));
                        }
                    }
                }
                results[c] = values.stream().mapToDouble(Double::doubleValue).toArray();
            }
            int frames = results[0].length / (vggish ? 64 : 96);
            assertEquals(vggish ? 1 + (audio.length - 400) / 160 : 1 + audio.length / 256, frames);
            assertEquals(results[0].length, results[1].length);
            for (int i = 0; i < results[0].length; i++) {
                assertEquals(results[0][i], results[1][i], 0.0);
            }
        }
    }

    @Test
    void vggishExamplesAreNinetySixFramesWithoutOverlap() {
        LogMelSpectrogram lm = LogMelSpectrogram.vggish();
        PatchAssembler examples = PatchAssembler.vggishExamples();
        float[] audio = tone(1000, 16000, 3.0);
        FeatureFrames frames = new FeatureFrames(64, lm.maxFrames(audio.length));
        lm.process(audio, 0, audio.length, frames);
        int complete = 0;
        float[] patch = new float[96 * 64];
        double[] firstRow = new double[64];
        for (int f = 0; f < frames.size(); f++) {
            if (examples.add(frames, f)) {
                complete++;
                examples.copyPatch(patch, 0);
                frames.copyValues(f - 95, firstRow, 0);
                for (int m = 0; m < 64; m++) {
                    assertEquals((float) firstRow[m], patch[m], 0.0f, "the patch starts with its oldest frame");
                }
            }
        }
        int expectedFrames = 1 + (audio.length - 400) / 160; // 298
        assertEquals(expectedFrames, frames.size());
        assertEquals(expectedFrames / 96, complete);
        assertFalse(examples.add(frames, 0), "the next example is not complete after one more frame");
    }
}
