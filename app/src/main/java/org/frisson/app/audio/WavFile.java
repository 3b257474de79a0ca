package org.frisson.app.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** A whole WAV file (any rate, 8/16/24/32-bit PCM or float) as mono float samples, channels averaged. */
public record WavFile(Path file, int sampleRate, int channels, float[] mono) {

    public double seconds() {
        return mono.length / (double) sampleRate;
    }

    public static WavFile read(Path file) throws IOException {
        try (AudioInputStream raw = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat src = raw.getFormat();
            int channels = src.getChannels();
            AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, src.getSampleRate(), 32, channels,
                    4 * channels, src.getSampleRate(), false);
            try (AudioInputStream in = AudioSystem.getAudioInputStream(target, raw)) {
                byte[] bytes = in.readAllBytes();
                ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                int frames = bytes.length / (4 * channels);
                float[] mono = new float[frames];
                for (int i = 0; i < frames; i++) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += b.getFloat();
                    }
                    mono[i] = sum / channels;
                }
                float rate = src.getSampleRate();
                if (rate != Math.rint(rate) || rate <= 0) {
                    throw new IOException(file + ": sample rate " + rate + " is not a whole number of Hz");
                }
                return new WavFile(file, (int) rate, channels, mono);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": cannot decode " + src + " (" + e.getMessage() + ")", e);
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + ": not a readable WAV file (" + e.getMessage() + ")", e);
        }
    }
}
