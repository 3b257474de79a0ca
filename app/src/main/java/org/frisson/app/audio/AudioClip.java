package org.frisson.app.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A whole decoded sound file: channel-interleaved float samples, full scale 1.
 *
 * @param file       where it came from (for messages)
 * @param sampleRate frames per second
 * @param channels   samples per frame
 * @param samples    {@code frames * channels} values, interleaved
 */
public record AudioClip(Path file, int sampleRate, int channels, float[] samples) {

    public AudioClip {
        if (channels < 1 || sampleRate < 1 || samples.length % channels != 0) {
            throw new IllegalArgumentException(file + ": " + samples.length + " samples do not make frames of "
                    + channels + " channels at " + sampleRate + " Hz");
        }
    }

    public int frames() {
        return samples.length / channels;
    }

    public double seconds() {
        return frames() / (double) sampleRate;
    }

    /** The channels averaged into one. */
    public float[] mono() {
        if (channels == 1) {
            return samples;
        }
        float[] m = new float[frames()];
        for (int i = 0; i < m.length; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[i * channels + c];
            }
            m[i] = sum / channels;
        }
        return m;
    }

    /**
     * Reads a WAV or FLAC file, told apart by their first bytes ({@code RIFF}/{@code RIFX}/{@code RF64} or
     * {@code fLaC}), not by the name. Errors name the file.
     */
    public static AudioClip read(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        String magic = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (magic.equals("fLaC")) {
            return FlacFile.read(file);
        }
        if (magic.equals("RIFF") || magic.equals("RIFX") || magic.equals("RF64")) {
            return WavFile.readClip(file);
        }
        throw new IOException(file + ": neither WAV nor FLAC (starts with " + Arrays.toString(Arrays.copyOf(head, n)) + ")");
    }
}
