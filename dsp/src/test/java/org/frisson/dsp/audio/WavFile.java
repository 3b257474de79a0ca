package org.frisson.dsp.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** A 16-bit PCM WAV file read whole and mixed to mono (the mean of its channels), scaled by 1/32768. */
record WavFile(int sampleRate, int channels, float[] mono) {

    static WavFile read(Path file) throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16) {
                throw new UnsupportedAudioFileException(file + ": not 16-bit signed PCM but " + f);
            }
            byte[] bytes = in.readAllBytes();
            int ch = f.getChannels();
            ByteBuffer b = ByteBuffer.wrap(bytes).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int frames = bytes.length / (2 * ch);
            float[] mono = new float[frames];
            for (int i = 0; i < frames; i++) {
                double sum = 0;
                for (int c = 0; c < ch; c++) {
                    sum += b.getShort() / 32768.0;
                }
                mono[i] = (float) (sum / ch);
            }
            return new WavFile((int) f.getSampleRate(), ch, mono);
        }
    }
}
