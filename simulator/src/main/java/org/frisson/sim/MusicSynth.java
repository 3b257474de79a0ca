package org.frisson.sim;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Renders a {@link MusicScore} to mono PCM: a pad on an Am-F-C-G progression, a plucked bass, kick,
 * hats and an arpeggiated lead, each switched on by the section's arousal; silent sections stay silent.
 * Deterministic for a seed, so the piece is the project's own and is rebuilt rather than stored.
 */
public final class MusicSynth {

    private static final double[][] CHORDS = { // one chord per bar: Am, F, C, G (MIDI notes)
            {57, 60, 64}, {53, 57, 60}, {48, 52, 55}, {55, 59, 62}};
    /** Sections of low valence (below 0.45) play in minor: Am, Dm, Em, Am. */
    private static final double[][] MINOR_CHORDS = {{57, 60, 64}, {50, 53, 57}, {52, 55, 59}, {57, 60, 64}};

    private MusicSynth() {
    }

    /** The piece as samples in [-1, 1] at {@code rate} Hz. */
    public static float[] render(MusicScore score, int rate, long seed) {
        int n = (int) Math.round(score.length() * rate);
        float[] out = new float[n];
        SplittableRandom noise = new SplittableRandom(seed);
        double beat = 60.0 / score.tempoBpm();
        double bar = 4 * beat;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            Section s = score.at(t);
            if (s.silent()) {
                continue;
            }
            double a = s.arousal();
            double fade = edgeFade(t - s.start(), s.end() - t);
            double[] chord = (s.valence() < 0.45 ? MINOR_CHORDS : CHORDS)[(int) (t / bar) % CHORDS.length];
            double x = 0;
            // pad: always on, softer when intense sections carry the energy elsewhere
            double padGain = 0.18 * (1.0 - 0.3 * a);
            for (double note : chord) {
                double f = hz(note);
                x += padGain * (Math.sin(2 * Math.PI * f * t) + 0.5 * Math.sin(2 * Math.PI * f * 1.003 * t)) / 3;
            }
            double inBeat = t % beat;
            int beatIndex = (int) (t / beat);
            // bass: plucked root on every beat from arousal 0.4
            if (a >= 0.4) {
                double f = hz(chord[0] - 24);
                x += 0.25 * Math.exp(-inBeat / 0.25) * Math.sin(2 * Math.PI * f * t);
            }
            // kick: half-time in the build, every beat when intense
            if (a >= 0.4 && (a >= 0.8 || beatIndex % 2 == 0)) {
                double sweep = 50 + 100 * Math.exp(-inBeat / 0.03);
                x += 0.5 * Math.exp(-inBeat / 0.12) * Math.sin(2 * Math.PI * sweep * inBeat);
            }
            // hats: noise on the off-beats when intense
            double offBeat = (t + beat / 2) % beat;
            double hiss = noise.nextDouble() * 2 - 1;
            if (a >= 0.8) {
                x += 0.12 * Math.exp(-offBeat / 0.02) * hiss;
            }
            // lead: slow in the breakdown; arpeggio in sixteenths, brighter, an octave up at the climax
            if (a >= 0.8 || (a >= 0.25 && a < 0.45)) {
                double sixteenth = beat / 4;
                int step = (int) (t / (a >= 0.8 ? sixteenth : beat));
                double note = chord[step % 3] + 12 + (a >= 0.95 ? 12 : 0);
                double f = hz(note);
                double env = Math.exp(-(t % (a >= 0.8 ? sixteenth : beat)) / (a >= 0.8 ? 0.08 : 0.4));
                double brightness = a >= 0.8 ? 1.0 : 0.3;
                double tone = Math.sin(2 * Math.PI * f * t) + brightness * (0.5 * Math.sin(4 * Math.PI * f * t)
                        + 0.33 * Math.sin(6 * Math.PI * f * t) + 0.25 * Math.sin(8 * Math.PI * f * t));
                x += 0.12 * env * tone;
            }
            out[i] = (float) Math.max(-1, Math.min(1, x * fade));
        }
        return out;
    }

    /** Writes 16-bit mono PCM WAV. */
    public static void writeWav(float[] samples, int rate, Path file) throws IOException {
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int v = (int) Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, tmp.toFile());
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static double hz(double midi) {
        return 440.0 * Math.pow(2, (midi - 69) / 12.0);
    }

    /** 10 ms fades at section edges: no clicks, boundaries stay sharp. */
    private static double edgeFade(double sinceStart, double untilEnd) {
        return Math.min(1, Math.min(sinceStart, untilEnd) / 0.01);
    }
}
