package org.frisson.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.frisson.lsl.Channel;
import org.frisson.lsl.StreamInfo;
import org.frisson.stage.MarkerSlot;
import org.frisson.stage.OutputChannel;
import org.frisson.stage.OutputSlot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one numbering of outputs that every sink shares, and the samples the stages' slots write into. */
class OutputLayoutTest {

    private static PipelineConfig.Output output(String key, String type) {
        return new PipelineConfig.Output(key, "t." + key, type, "t." + key);
    }

    /** Writes down what it is given. */
    private static final class Sink implements OutputListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void start(List<StreamInfo> outputs) {
        }

        @Override
        public void sample(int output, double stamp, double[] values) {
            calls.add("sample " + output);
        }

        @Override
        public void marker(int output, double stamp, String text) {
            calls.add("marker " + output + " " + stamp + " " + text);
        }

        @Override
        public void end() {
        }
    }

    @Test
    void regularOutputsComeFirstThenHealthThenMarkersAndSlotsWriteIntoTheirOutputsSample() {
        PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
        OutputLayout layout = new OutputLayout();
        OutputSlot heart = layout.numbers(output("features", "Features"), "heart", "heart_rate",
                List.of(OutputChannel.of("ppg.hr", "bpm"), new OutputChannel("ppg.beats", "count", "Beats")));
        MarkerSlot transitions = layout.markers(output("transitions", "Markers"));
        OutputSlot emotion = layout.numbers(output("emotion", "Predictions"), "emotion", "emotion",
                List.of(OutputChannel.of("valence", "")));
        OutputSlot skin = layout.numbers(output("features", "Features"), "gsr_features", "eda",
                List.of(OutputChannel.of("gsr.tonic", "uS")));
        Aligner.StageRun run = new Aligner.StageRun("heart", null, metrics.stageTime("heart"), List.of(heart),
                metrics.stageFailures("heart"));
        HealthOutput health = new HealthOutput(output("health", "Health"),
                List.of(new StreamHealth("eeg-1", "eeg", 128, 4)), List.of(run), List.of(), 1.0);
        Sink sink = new Sink();
        layout.layOut(4.0, health, sink, new ProvenanceMap());
        try {
            List<StreamInfo> streams = layout.streams();
            assertEquals(List.of("t.features", "t.emotion", "t.health", "t.transitions"),
                    streams.stream().map(StreamInfo::name).toList());
            assertEquals(List.of(new Channel("ppg.hr", "bpm", "Features"), new Channel("ppg.beats", "count", "Beats"),
                    new Channel("gsr.tonic", "uS", "Features"), new Channel("latency", "seconds", "Latency")),
                    streams.get(0).channels());
            assertEquals(4.0, streams.get(0).nominalRate());
            assertEquals(HealthOutput.FIELDS.length + 1, streams.get(2).channelCount());
            assertEquals("heart.failed", streams.get(2).channelLabels().get(HealthOutput.FIELDS.length));
            assertEquals(List.of("marker"), streams.get(3).channelLabels());
            assertEquals(2, layout.healthIndex());
            assertEquals(2, layout.numbered().length);
            // each channel keeps the stage that wrote it, whichever output it went to
            assertEquals(List.of(new StageChannel("heart", "heart_rate", "t.features", "ppg.hr", "bpm"),
                    new StageChannel("heart", "heart_rate", "t.features", "ppg.beats", "count"),
                    new StageChannel("emotion", "emotion", "t.emotion", "valence", ""),
                    new StageChannel("gsr_features", "eda", "t.features", "gsr.tonic", "uS")), layout.stageChannels());

            for (NumberOutput o : layout.numbered()) {
                o.clear();
            }
            heart.set(1, 7);
            skin.set(0, 2.5);
            emotion.set(0, 0.25);
            layout.numbered()[0].latency(0.01);
            assertArrayEquals(new double[]{Double.NaN, 7, 2.5, 0.01}, layout.numbered()[0].sample());
            assertArrayEquals(new double[]{0.25, Double.NaN}, layout.numbered()[1].sample());

            transitions.emit("section", 12.5);
            assertEquals(List.of("marker 3 12.5 section"), sink.calls);
        } finally {
            layout.close();
        }
    }
}
