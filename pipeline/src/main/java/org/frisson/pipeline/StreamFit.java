package org.frisson.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Printable;
import org.frisson.lsl.StreamInfo;

/**
 * Whether a stream found for an input can be taken by the pipeline as configured: a stream's description comes
 * from its outlet or its recording, and liblsl lets an outlet announce anything (no channel, 10 million channels,
 * a rate of 10^9 Hz or NaN). One chunk of the ring must hold a sample, and the stream's history must stay within
 * {@link #MAX_HISTORY_VALUES}; otherwise the reason names the file, the input, the stream and the key to change.
 */
final class StreamFit {

    /** The most values one input stream's history may hold (8 bytes each: 1 GiB). */
    static final long MAX_HISTORY_VALUES = 1L << 27;

    private StreamFit() {
    }

    /** Why {@code info} cannot be taken for input {@code in}, or null when it can. */
    static String unfit(PipelineConfig config, PipelineConfig.Input in, StreamInfo info) {
        String where = where(config, in, info);
        int channels = info.channelCount();
        double rate = info.nominalRate();
        boolean text = info.format() == ChannelFormat.STRING;
        int chunk = config.settings().chunkValues();
        if (channels < 1) {
            return where + " has no channel";
        }
        if (text && channels > ChunkEvent.TEXT_VALUES) {
            return where + " has " + channels + " string channels, more than the " + ChunkEvent.TEXT_VALUES
                    + " one chunk carries";
        }
        if (!text && channels > chunk) {
            return where + " has " + channels + " channels, more than one chunk holds (pipeline.chunk_values: "
                    + chunk + "); raise pipeline.chunk_values to at least " + channels;
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            return where + " declares a nominal rate of " + rate + " Hz";
        }
        return tooLong(where, info, history(config, in, info, 0.0));
    }

    /** Why the description of {@code info} (its {@code <desc>}) cannot be read, or null when it can. */
    static String unreadable(PipelineConfig config, PipelineConfig.Input in, StreamInfo info) {
        try {
            info.channels();
            return null;
        } catch (org.frisson.lsl.LslException e) {
            return config.file() + ": inputs." + in.role() + ": " + e.getMessage();
        }
    }

    /** How messages name a stream: the config file, the input and the stream's name. */
    static String where(PipelineConfig config, PipelineConfig.Input in, StreamInfo info) {
        return config.file() + ": inputs." + in.role() + ": stream " + Printable.name(info.name());
    }

    /**
     * The samples input {@code in}'s stream must keep: its longest window, its timeout, one hop and two seconds
     * at its rate, plus the chunk that may arrive meanwhile; irregular streams keep
     * {@link Pipeline#IRREGULAR_HISTORY}. In {@code long}: an absurd rate gives an absurd number, not an overflow.
     */
    static long history(PipelineConfig config, PipelineConfig.Input in, StreamInfo info, double window) {
        PipelineConfig.Settings s = config.settings();
        if (info.isIrregular()) {
            return Pipeline.IRREGULAR_HISTORY;
        }
        double samples = Math.ceil((window + in.timeout() + s.hop() + 2.0) * info.nominalRate());
        return samples >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) samples + s.chunkValues();
    }

    /** Why a history of {@code samples} samples is too long for {@code info}, or null. */
    static String tooLong(String where, StreamInfo info, long samples) {
        long values = samples > MAX_HISTORY_VALUES ? samples : samples * info.channelCount();
        if (values <= MAX_HISTORY_VALUES) {
            return null;
        }
        return where + " declares " + info.nominalRate() + " Hz and " + info.channelCount() + " channels: its history"
                + " would hold " + values + " values, more than the " + MAX_HISTORY_VALUES + " a stream may";
    }
}
