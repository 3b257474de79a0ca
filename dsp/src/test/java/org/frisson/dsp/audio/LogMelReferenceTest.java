package org.frisson.dsp.audio;

import org.frisson.dsp.FeatureFrames;
import org.frisson.dsp.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Log-mel front-ends on MusiCNN's example clips ({@code fixtures/audio/*.wav}): MusiCNN's
 * against librosa 0.11 ({@code feature.melspectrogram} with musicnn's parameters, then
 * {@code log10(10000 x + 1)}), VGGish's against a numpy transcription of its published definition. Frisson
 * reads and downmixes the WAV itself and, for the 22.05 kHz clip, resamples it with its own
 * {@link PolyphaseResampler} (the reference with {@code resample_poly}), then streams the audio in random
 * chunk sizes.
 */
class LogMelReferenceTest {

    /** Max abs difference in the log domain. */
    static final double LOG_TOLERANCE = 1e-3;
    /** Mel filter weights: |ours - librosa's float32 weights| <= this * max weight. */
    static final double MEL_WEIGHT_TOLERANCE = 1e-6;

    /** The clips, as named in {@code fixtures/audio/} without {@code .wav}. */
    static final List<String> CLIPS = List.of("TRWJAZW128F42760DD_test", "joram-moments_of_clarity-08-solipsism-59-88");

    @TempDir
    static Path dir;
    static Map<String, String> manifest;
    static Path fixtures;

    @BeforeAll
    static void runReference() {
        // every clip must be there: a missing one fails the test, named
        for (String clip : CLIPS) {
            fixtures = PythonReference.fixture("audio/" + clip + ".wav").getParent();
        }
        PythonReference.run("audio", dir, fixtures.toString());
        manifest = PythonReference.manifest(dir);
        List<String> cases = List.of(manifest.get("cases").split(","));
        assertTrue(cases.containsAll(CLIPS), "the reference computed " + cases + ", not all of " + CLIPS);
    }

    @Test
    void melFilterBanksEqualTheReferences() {
        double[] ref = PythonReference.read(dir.resolve("mel_musicnn.f64"));
        MelFilterBank slaney = MelFilterBank.slaney(16000, 512, 96, 0, 8000);
        double max = 0, err = 0;
        for (int m = 0; m < 96; m++) {
            for (int k = 0; k < 257; k++) {
                max = Math.max(max, ref[m * 257 + k]);
                err = Math.max(err, Math.abs(slaney.weight(m, k) - ref[m * 257 + k]));
            }
        }
        assertTrue(err <= MEL_WEIGHT_TOLERANCE * max, "Slaney mel weights differ from librosa's by " + err);
        double[] vref = PythonReference.read(dir.resolve("mel_vggish.f64"));
        MelFilterBank vggish = MelFilterBank.vggish(16000, 257, 64, 125, 7500);
        double verr = 0;
        for (int m = 0; m < 64; m++) {
            for (int k = 0; k < 257; k++) {
                verr = Math.max(verr, Math.abs(vggish.weight(m, k) - vref[m * 257 + k]));
            }
        }
        assertTrue(verr <= 1e-12, "VGGish mel weights differ by " + verr);
        System.out.println("[reference] mel banks: Slaney vs librosa (float32) max abs " + err + " (max weight " + max
                + "); VGGish max abs " + verr);
    }

    @Test
    void logMelMatchesOnTheFixtureClips() throws Exception {
        List<String> report = new ArrayList<>();
        for (String name : manifest.get("cases").split(",")) {
            WavFile wav = WavFile.read(fixtures.resolve(name + ".wav"));
            assertEquals(Integer.parseInt(manifest.get(name + ".rate")), wav.sampleRate(), name + ": sampling rate");
            float[] audio = wav.mono();
            if (wav.sampleRate() != 16000) {
                PolyphaseResampler r = new PolyphaseResampler(wav.sampleRate(), 16000);
                float[] out = new float[r.maxOutput(audio.length) + r.maxOutput(0)];
                int n = r.process(audio, 0, audio.length, out, 0);
                n += r.flush(out, n);
                audio = java.util.Arrays.copyOf(out, n);
            }
            double[] refAudio = PythonReference.read(dir.resolve(name + ".mono16k.f64"));
            assertEquals(refAudio.length, audio.length, name + ": 16 kHz length");
            double sig = 0, noise = 0;
            for (int i = 0; i < audio.length; i++) {
                sig += refAudio[i] * refAudio[i];
                noise += (refAudio[i] - audio[i]) * (refAudio[i] - audio[i]);
            }
            double snr = noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(sig / noise);

            double musicnn = compare(LogMelSpectrogram.musicnn(), audio, PythonReference.read(dir.resolve(name + ".musicnn.f64")),
                    Integer.parseInt(manifest.get(name + ".musicnn_frames")), name + " MusiCNN");
            double vggish = compare(LogMelSpectrogram.vggish(), audio, PythonReference.read(dir.resolve(name + ".vggish.f64")),
                    Integer.parseInt(manifest.get(name + ".vggish_frames")), name + " VGGish");
            report.add(String.format("%s: 16 kHz audio vs reference %.1f dB SNR; MusiCNN max |dlog| %.2e; VGGish max"
                            + " |dlog| %.2e; musicnn's literal float16 arithmetic would give %s infinite values and"
                            + " differs by up to %.4f elsewhere", name, snr, musicnn, vggish,
                    manifest.get(name + ".musicnn_float16_inf"),
                    Double.parseDouble(manifest.get(name + ".musicnn_float16_maxdiff"))));
            assertTrue(musicnn <= LOG_TOLERANCE, name + ": MusiCNN log-mel differs by " + musicnn);
            assertTrue(vggish <= LOG_TOLERANCE, name + ": VGGish log-mel differs by " + vggish);
        }
        System.out.println("[reference] log-mel on the fixture clips: " + String.join("; ", report));
    }

    private static double compare(LogMelSpectrogram lm, float[] audio, double[] ref, int expectedFrames, String what) {
        int bands = lm.bands();
        FeatureFrames out = new FeatureFrames(bands, lm.maxFrames(1000));
        SplittableRandom rnd = new SplittableRandom(what.hashCode());
        int pos = 0, frame = 0;
        double err = 0;
        while (pos <= audio.length) {
            out.clear();
            if (pos == audio.length) {
                lm.flush(out);
                pos++;
            } else {
                int n = Math.min(audio.length - pos, 1 + rnd.nextInt(1000));
                lm.process(audio, pos, n, out);
                pos += n;
            }
            for (int f = 0; f < out.size(); f++, frame++) {
                for (int m = 0; m < bands; m++) {
                    err = Math.max(err, Math.abs(out.value(f, m) - ref[frame * bands + m]));
                }
            }
        }
        assertEquals(expectedFrames, frame, what + ": number of frames");
        return err;
    }
}
