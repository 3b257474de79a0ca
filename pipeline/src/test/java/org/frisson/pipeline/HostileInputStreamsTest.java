package org.frisson.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams whose description a pipeline cannot take as configured (liblsl lets an outlet announce any channel count
 * and rate): refused naming the file, the input and the stream, before anything is allocated for them; and wide
 * streams that fit, read offline as live, one chunk of the ring at a time.
 */
class HostileInputStreamsTest {

    private static final String YAML = """
            pipeline: {hop: 0.25}
            inputs:
              eeg: {query: "type='EEG'"}
              markers: {query: "type='Markers'", required: false}
            stages:
              - {name: probe, kind: test_probe, inputs: "eeg,markers", window: 1.0}
            outputs:
              features: {name: hostile.features, type: Features}
            """;

    static PipelineConfig config() {
        return PipelineConfig.parse(Path.of("hostile.yaml"), YAML);
    }

    /**
     * A recording of a 200-channel stream and a 3-channel marker stream, fed as {@code frisson offline} feeds it
     * (32 samples at a time): more values than one chunk of the ring holds, which threw
     * ArrayIndexOutOfBoundsException before the recording source split what it is fed.
     */
    @Test
    void aWideRecordingIsReadWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wide.xdf");
        int channels = 200;
        int rate = 128;
        int samples = 4 * rate;
        try (StreamInfo eeg = StreamInfo.builder("Wide EEG", "EEG").channelCount(channels).rate(rate)
                .format(ChannelFormat.FLOAT32).sourceId("wide-1").build();
             StreamInfo markers = StreamInfo.builder("Markers x3", "Markers").channelCount(3)
                     .format(ChannelFormat.STRING).sourceId("wide-m").build();
             XdfRecorder rec = XdfRecorder.create(file)) {
            int e = rec.addStream(eeg);
            int m = rec.addStream(markers);
            double[] values = new double[samples * channels];
            double[] stamps = new double[samples];
            for (int i = 0; i < samples; i++) {
                stamps[i] = 100 + i / (double) rate;
                for (int c = 0; c < channels; c++) {
                    values[i * channels + c] = i;
                }
            }
            rec.append(e, values, stamps, samples);
            String[] texts = new String[40 * 3];
            double[] markerStamps = new double[40];
            for (int i = 0; i < 40; i++) {
                markerStamps[i] = 100.001 + i * 0.0001; // 40 markers between two EEG samples: fed together
                for (int c = 0; c < 3; c++) {
                    texts[i * 3 + c] = "m" + i + "/" + c;
                }
            }
            rec.append(m, texts, markerStamps, 40);
        }
        RecordingFeed feed = RecordingFeed.bind(config(), XdfReader.read(file));
        ProbeStage.SEEN.remove("probe");
        try (Pipeline p = Pipeline.offline(config(), feed.byRole(), List.of(), line -> { })) {
            feed.feed(p);
            p.finish();
        }
        List<ProbeStage.Seen> seen = new ArrayList<>(ProbeStage.SEEN.get("probe"));
        ProbeStage.Seen last = seen.stream().filter(s -> s.stream().equals("Wide EEG") && !s.missing())
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no frame held the wide stream"));
        assertEquals(rate, last.stamps().length, "a full second of the wide stream in the last frame");
        for (int i = 0; i < rate; i++) {
            assertEquals((last.stamps()[i] - 100) * rate, last.firstChannel()[i], "each sample's own value");
        }
        assertTrue(last.firstChannel()[rate - 1] >= samples - rate / 4 - 1, "up to the last frame before the end");
        long markerSamples = seen.stream().filter(s -> s.stream().equals("Markers x3"))
                .mapToLong(s -> s.stamps().length).max().orElse(0);
        assertTrue(markerSamples >= 9, "the marker stream's samples reach the frames: " + markerSamples);
    }

    private static String refusal(StreamInfo info) {
        return assertThrows(PipelineConfig.ConfigException.class,
                () -> Pipeline.offline(config(), Map.of("eeg", List.of(info)), List.of(), line -> { })).getMessage();
    }

    @Test
    void streamsTooWideOrTooFastAreRefusedNamingTheInputAndTheStream() {
        assertEquals("hostile.yaml: inputs.eeg: stream 'Too\u00a0wide?' has 5000 channels, more than one chunk holds"
                + " (pipeline.chunk_values: 4096); raise pipeline.chunk_values to at least 5000", refusal(
                StreamInfo.builder("Too\u00a0wide\n", "EEG").channelCount(5000).rate(128).build()));
        assertEquals("hostile.yaml: inputs.eeg: stream 'Texts' has 100 string channels, more than the 64 one chunk"
                + " carries", refusal(StreamInfo.builder("Texts", "EEG").channelCount(100)
                .format(ChannelFormat.STRING).build()));
        assertEquals("hostile.yaml: inputs.eeg: stream 'Fast' declares 1.0E9 Hz and 1 channels: its history would"
                + " hold 4250004096 values, more than the 134217728 a stream may", refusal(
                StreamInfo.builder("Fast", "EEG").channelCount(1).rate(1e9).build()));
        String wideAndFast = refusal(StreamInfo.builder("Wide and fast", "EEG").channelCount(4096).rate(30_000).build());
        assertTrue(wideAndFast.startsWith("hostile.yaml: inputs.eeg: stream 'Wide and fast' declares 30000.0 Hz and"
                + " 4096 channels: its history would hold "), wideAndFast);
    }
}
