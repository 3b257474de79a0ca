package org.frisson.pipeline;

import org.frisson.lsl.Channel;
import org.frisson.lsl.LslLibrary;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a stage gets from its context, offline: an earlier stage's result in the same frame, a logger writing
 * through the pipeline's log, meters tagged with its name, Frisson's home, per-channel units on its outputs.
 */
class StageContextTest {

    /** Collects the first output's channels and samples. */
    private static final class Collect implements OutputListener {
        final List<Channel> channels = new ArrayList<>();
        final List<double[]> rows = new ArrayList<>();

        @Override
        public void start(List<StreamInfo> infos) {
            channels.addAll(infos.get(0).channels()); // the descriptions close with the pipeline
        }

        @Override
        public void sample(int output, double stamp, double[] values) {
            if (output == 0) {
                rows.add(values.clone());
            }
        }

        @Override
        public void end() {
        }

        int column(String label) {
            return channels.stream().map(Channel::label).toList().indexOf(label);
        }
    }

    private static String config(String stages) {
        return "pipeline: {hop: 0.25}\ninputs: {gsr: {query: \"type='GSR'\"}}\nstages:\n" + stages
                + "outputs:\n  features: {name: f}\n";
    }

    private static StreamInfo gsr() {
        return StreamInfo.builder("GSR", "GSR").channelCount(2).rate(32).channel("skin", "microsiemens", "GSR")
                .channel("flag", "", "GSR").build();
    }

    /** Runs {@code seconds} of a two-channel 32 Hz stream through the stages. */
    private static void run(String stages, double seconds, Collect collect, List<String> log, StreamInfo gsr,
                            java.util.function.Consumer<Pipeline> after) {
        try (Pipeline p = Pipeline.offline(PipelineConfig.parse(Path.of("c.yaml"), config(stages)),
                Map.of("gsr", List.of(gsr)), List.of(collect), log::add)) {
            double[] stamps = new double[32];
            double[] values = new double[64];
            for (int s = 0; s < seconds; s++) {
                for (int i = 0; i < 32; i++) {
                    stamps[i] = 100 + s + i / 32.0;
                    values[2 * i] = 5;
                    values[2 * i + 1] = 0;
                }
                p.feed(0, 32, stamps, values, null);
            }
            p.finish();
            after.accept(p);
        }
    }

    @Test
    void aLaterStageReadsAnEarlierStagesResultInTheSameFrame() {
        Collect collect = new Collect();
        List<String> log = new ArrayList<>();
        long[] counted = new long[1];
        try (StreamInfo gsr = gsr()) {
            run("  - {name: w, kind: test_result_writer, every: 2}\n"
                    + "  - {name: r, kind: test_result_reader, upstream: w}\n",
                    10, collect, log, gsr, p -> counted[0] = (long) p.registry().get("frisson.stage.test.frames")
                            .tag("stage", "w").counter().count());
        }
        assertTrue(collect.rows.size() > 30, "frames: " + collect.rows.size());
        int count = collect.column("count");
        int stamp = collect.column("stamp");
        int index = collect.column("index");
        int time = collect.column("time");
        for (int k = 0; k < collect.rows.size(); k++) {
            double[] row = collect.rows.get(k);
            assertEquals(k / 2 + 1, row[count], "frame " + k + ": a result every other frame, counted");
            assertEquals(k - k % 2, row[index], "frame " + k + ": the newest result, this frame's when there is one");
            assertEquals(row[time], row[stamp], "the result's stamp is the one its writer gave");
        }
        assertEquals(collect.rows.size(), counted[0], "the stage's meter, tagged with its name");
        assertTrue(log.contains("stage 'w': publishing every 2 frames"), log.toString());
        assertTrue(log.contains("WARNING stage 'w': a test stage"), log.toString());
        assertFalse(log.stream().anyMatch(l -> l.contains("not logged")), log.toString());
        assertEquals(LslLibrary.frissonHome(), ResultWriterStage.HOMES.get("w"));
    }

    @Test
    void aStageReadsOnlyResultsThatEarlierStagesPublished() {
        try (StreamInfo gsr = gsr()) {
            var e = assertThrows(PipelineConfig.ConfigException.class, () -> run(
                    "  - {name: probe, kind: test_probe, inputs: gsr}\n"
                            + "  - {name: r, kind: test_result_reader, upstream: probe}\n",
                    1, new Collect(), new ArrayList<>(), gsr, p -> { }));
            assertTrue(e.getMessage().contains("stage 'r'") && e.getMessage().contains("publishes no result"),
                    e.getMessage());
            e = assertThrows(PipelineConfig.ConfigException.class, () -> run(
                    "  - {name: r, kind: test_result_reader, upstream: w}\n  - {name: w, kind: test_result_writer}\n",
                    1, new Collect(), new ArrayList<>(), gsr, p -> { }));
            assertTrue(e.getMessage().contains("not a stage earlier in the config"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> run("  - {name: w, kind: test_result_writer, twice: true}\n",
                    1, new Collect(), new ArrayList<>(), gsr, p -> { }));
        }
    }

    @Test
    void eachOutputChannelCarriesItsOwnUnit() {
        Collect collect = new Collect();
        try (StreamInfo gsr = gsr()) {
            run("  - {name: l, kind: latest, input: gsr}\n", 2, collect, new ArrayList<>(), gsr, p -> { });
        }
        List<Channel> channels = collect.channels;
        assertEquals(List.of("GSR.skin", "GSR.flag", "latency"), channels.stream().map(Channel::label).toList());
        assertEquals(List.of("microsiemens", "", "seconds"), channels.stream().map(Channel::unit).toList(),
                "each channel of the 'latest' stage keeps its input channel's unit");
    }
}
