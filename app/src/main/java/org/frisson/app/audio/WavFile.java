package org.frisson.app.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A whole WAV file (any rate, 8/16/24/32-bit PCM or float) as mono float samples, channels averaged.
 *
 * <p>{@link #read} scales integer PCM as Java Sound's converter does (by 1/(2^(bits-1)-1));
 * {@link #readClip} keeps the channels and scales by 1/2^(bits-1) as libsndfile, soundfile and the FLAC
 * decoder do, so a WAV and a FLAC of the same PCM give the same floats.
 */
public record WavFile(Path file, int sampleRate, int channels, float[] mono) {

    public double seconds() {
        return mono.length / (double) sampleRate;
    }

    /**
     * The whole file with its channels kept (interleaved). Integer PCM is scaled by 1/2^(bits-1)
     * (-32768 is -1.0 for 16 bits), float PCM is taken as it is.
     */
    public static AudioClip readClip(Path file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            float rate = f.getSampleRate();
            if (rate != Math.rint(rate) || rate <= 0) {
                throw new IOException(file + ": sample rate " + rate + " is not a whole number of Hz");
            }
            int channels = f.getChannels();
            int bits = f.getSampleSizeInBits();
            int bytes = (bits + 7) / 8;
            boolean floating = f.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT);
            boolean signed = f.getEncoding().equals(AudioFormat.Encoding.PCM_SIGNED);
            boolean unsigned = f.getEncoding().equals(AudioFormat.Encoding.PCM_UNSIGNED);
            if (!(floating && (bits == 32 || bits == 64)) && !((signed || unsigned) && bits >= 8 && bits <= 32 && bits % 8 == 0)) {
                throw new IOException(file + ": cannot decode " + f + " (8/16/24/32-bit PCM or 32/64-bit float only)");
            }
            byte[] raw = in.readAllBytes();
            int frames = raw.length / (bytes * channels);
            float[] out = new float[frames * channels];
            ByteBuffer b = ByteBuffer.wrap(raw).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            double scale = 1.0 / (1L << (bits - 1));
            for (int i = 0; i < out.length; i++) {
                if (floating) {
                    out[i] = bits == 32 ? b.getFloat() : (float) b.getDouble();
                    continue;
                }
                long v = 0;
                for (int k = 0; k < bytes; k++) {
                    int by = b.get() & 0xff;
                    v = f.isBigEndian() ? (v << 8) | by : v | ((long) by << (8 * k));
                }
                if (unsigned) {
                    v -= 1L << (bits - 1);
                } else if (bits < 64) {
                    v = (v << (64 - bits)) >> (64 - bits);
                }
                out[i] = (float) (v * scale);
            }
            return new AudioClip(file, (int) rate, channels, out);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + ": not a readable WAV file (" + e.getMessage() + ")", e);
        }
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
