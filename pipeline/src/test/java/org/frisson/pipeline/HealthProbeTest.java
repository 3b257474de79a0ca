package org.frisson.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.frisson.lsl.StreamInfo;
import org.frisson.stage.OutputChannel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Health from outside the pipeline (a device the run opened) published on the health output with its own. */
class HealthProbeTest {

    /** Two channels whose values the test sets. */
    private static final class Probe implements HealthProbe {
        volatile double battery = 80;
        volatile double reconnects;

        @Override
        public String name() {
            return "muse_s";
        }

        @Override
        public List<OutputChannel> channels() {
            return List.of(OutputChannel.of("battery", "percent"), OutputChannel.of("reconnects", "count"));
        }

        @Override
        public void read(double[] into, int from) {
            into[from] = battery;
            into[from + 1] = reconnects;
        }
    }

    /** The health output's description and its newest sample. */
    private static final class HealthSeen implements OutputListener {
        volatile StreamInfo info;
        volatile double[] last;
        private int output = -1;

        @Override
        public void start(List<StreamInfo> outputs) {
            for (int k = 0; k < outputs.size(); k++) {
                if (outputs.get(k).type().equals("Health")) {
                    output = k;
                    info = outputs.get(k);
                }
            }
        }

        @Override
        public void sample(int o, double stamp, double[] values) {
            if (o == output) {
                last = values.clone();
            }
        }

        @Override
        public void end() {
        }
    }

    @Test
    void aProbesChannelsFollowTheStreamsAndStagesWithTheirUnitsAndCurrentValues() {
        String session = UUID.randomUUID().toString().substring(0, 8);
        Probe probe = new Probe();
        HealthSeen seen = new HealthSeen();
        String yaml = "pipeline: {hop: 0.25, resolve_seconds: 5, health_period: 0.25}\n"
                + "inputs:\n  eeg: {query: \"source_id='src-eeg-" + session + "'\", timeout: 1}\n"
                + "stages:\n  - {name: probe, kind: test_probe, inputs: \"eeg\", window: 0.5}\n"
                + "outputs:\n  features: {name: frisson.features.test-" + session + ", source_id: f-" + session + "}\n"
                + "  health: {name: frisson.health.test-" + session + ", source_id: h-" + session + "}\n";
        try (TestSource eeg = new TestSource("eeg-" + session, "EEG", "src-eeg-" + session, 2, 128);
             Pipeline p = Pipeline.start(PipelineConfig.parse(Path.of("test.yaml"), yaml), new SimpleMeterRegistry(),
                     line -> { }, new Pipeline.Taps(List.of(), List.of(seen)).and(Pipeline.Taps.health(List.of(probe))))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.last != null);
            List<String> labels = seen.info.channelLabels();
            int fields = HealthOutput.FIELDS.length;
            assertEquals(fields + 1 + 2, labels.size(), labels.toString());
            assertEquals(List.of("probe.failed", "muse_s.battery", "muse_s.reconnects"),
                    labels.subList(fields, labels.size()));
            assertEquals("percent", seen.info.channels().get(fields + 1).unit());
            assertEquals("count", seen.info.channels().get(fields + 2).unit());
            assertEquals(80.0, seen.last[fields + 1]);
            probe.battery = 79;
            probe.reconnects = 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.last[fields + 1] == 79.0 && seen.last[fields + 2] == 1.0);
        }
    }
}
