package org.frisson.app.audio;

import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole FLAC file decoded with jflac: every frame's integer samples, scaled by 1/2^(bits-1) like
 * {@link WavFile#readClip}, channel-interleaved.
 */
public final class FlacFile {

    private FlacFile() {
    }

    public static AudioClip read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            FLACDecoder decoder = new FLACDecoder(in);
            decoder.readMetadata();
            StreamInfo info = decoder.getStreamInfo();
            if (info == null) {
                throw new IOException(file + ": FLAC file without a STREAMINFO block");
            }
            int channels = info.getChannels();
            int bits = info.getBitsPerSample();
            int rate = info.getSampleRate();
            if (bits < 4 || bits > 32 || channels < 1 || rate < 1) {
                throw new IOException(file + ": FLAC STREAMINFO says " + channels + " channels, " + bits + " bits, "
                        + rate + " Hz");
            }
            long total = info.getTotalSamples();
            float[] out = new float[(int) Math.max(0, Math.min(Integer.MAX_VALUE - 8, total * channels))];
            double scale = 1.0 / (1L << (bits - 1));
            int frames = 0;
            while (true) {
                Frame frame = decoder.readNextFrame();
                if (frame == null) {
                    break;
                }
                int n = frame.header.blockSize;
                if ((long) (frames + n) * channels > out.length) {
                    out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, (frames + n) * channels));
                }
                ChannelData[] data = decoder.getChannelData();
                for (int c = 0; c < channels; c++) {
                    int[] s = data[c].getOutput();
                    for (int i = 0; i < n; i++) {
                        out[(frames + i) * channels + c] = (float) (s[i] * scale);
                    }
                }
                frames += n;
            }
            if (decoder.getBadFrames() > 0) {
                throw new IOException(file + ": " + decoder.getBadFrames() + " FLAC frames failed to decode");
            }
            if (total > 0 && frames != total) {
                throw new IOException(file + ": FLAC STREAMINFO promises " + total + " frames, the file holds " + frames);
            }
            return new AudioClip(file, rate, channels, frames * channels == out.length ? out
                    : java.util.Arrays.copyOf(out, frames * channels));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable FLAC file (" + e + ")", e);
        }
    }
}
