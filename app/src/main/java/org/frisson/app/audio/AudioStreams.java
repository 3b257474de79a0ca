package org.frisson.app.audio;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LSL descriptions of the audio Frisson publishes, with the simulator's conventions: type {@code Audio},
 * float32 at the device's or file's rate, channels labelled (mono; left, right; ch1..chN) with unit
 * {@code normalized} (full scale is 1) and type {@code Audio}, the origin in {@code <desc>}.
 */
public final class AudioStreams {

    public static final String TYPE = "Audio";
    public static final String UNIT = "normalized";

    private AudioStreams() {
    }

    /** Channel labels for {@code n} channels. */
    public static List<String> labels(int n) {
        if (n == 1) {
            return List.of("mono");
        }
        if (n == 2) {
            return List.of("left", "right");
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add("ch" + i);
        }
        return out;
    }

    /** An {@code Audio} stream of {@code channels} float32 channels at {@code rate} Hz with {@code desc} values. */
    public static StreamInfo audio(String name, String sourceId, int channels, double rate, Map<String, String> desc) {
        StreamInfo.Builder b = StreamInfo.builder(name, TYPE).channelCount(channels).rate(rate)
                .format(ChannelFormat.FLOAT32).sourceId(sourceId).desc("manufacturer", "Frisson");
        desc.forEach(b::desc);
        b.channels(labels(channels), UNIT, TYPE);
        return b.build();
    }
}
