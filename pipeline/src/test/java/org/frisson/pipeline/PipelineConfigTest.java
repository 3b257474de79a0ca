package org.frisson.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineConfigTest {

    private static final Path FILE = Path.of("configs/x.yaml");

    private static String error(String yaml) {
        return assertThrows(PipelineConfig.ConfigException.class, () -> PipelineConfig.parse(FILE, yaml)).getMessage();
    }

    @Test
    void readsSettingsInputsStagesAndOutputs() {
        PipelineConfig c = PipelineConfig.parse(FILE, """
                pipeline: {hop: 0.5, ring_size: 256}
                inputs:
                  eeg: {query: "type='EEG'", timeout: 3}
                  markers: {query: "type='Markers'", required: false}
                  gsr: {query: "type='GSR'", multiple: true, expect: 4}
                stages:
                  - {name: de, kind: differential_entropy, input: eeg, window: 1.0}
                outputs:
                  features: {name: frisson.features}
                """);
        assertEquals(0.5, c.settings().hop());
        assertEquals(256, c.settings().ringSize());
        assertEquals(3, c.inputs().size());
        assertEquals(3.0, c.input("eeg").timeout());
        assertTrue(!c.input("markers").required());
        assertEquals(4, c.input("gsr").expect());
        assertEquals("differential_entropy", c.stages().get(0).kind());
        assertEquals(1.0, c.stages().get(0).params().get("window"));
        assertEquals("frisson.features", c.outputs().get("features").sourceId());
    }

    @Test
    void errorsNameTheFileAndTheKey() {
        assertEquals("configs/x.yaml: pipeline.hop must be a positive number, got '-1'",
                error("pipeline: {hop: -1}\ninputs: {eeg: {query: x}}\n"));
        assertEquals("configs/x.yaml: inputs.eeg.query is required", error("inputs: {eeg: {timeout: 1}}\n"));
        assertTrue(error("inputs: {eeg: {query: x, tiemout: 1}}\n").startsWith("configs/x.yaml: inputs.eeg.tiemout: unknown key"));
        assertEquals("configs/x.yaml: pipeline.ring_size must be a power of two, got 1000",
                error("pipeline: {ring_size: 1000}\ninputs: {eeg: {query: x}}\n"));
        assertEquals("configs/x.yaml: stages[1].name: 'a' is used twice",
                error("inputs: {eeg: {query: x}}\nstages: [{name: a, kind: k}, {name: a, kind: k}]\n"));
        assertTrue(error("inputs: [\n").startsWith("configs/x.yaml: not valid YAML"));
        assertEquals("configs/x.yaml: inputs: at least one input is needed", error("inputs: {}\n"));
        assertEquals("configs/x.yaml: inputs.eeg.required must be true or false, got 'yes please'",
                error("inputs: {eeg: {query: x, required: yes please}}\n"));
    }

    @Test
    void anInputMayNameADeviceInsteadOfAQueryButNotBoth() {
        PipelineConfig c = PipelineConfig.parse(FILE, """
                inputs:
                  eeg: {board: muse_s, mac: "00:55:DA:B0:00:01", timeout: 1}
                  gsr: {board: emotibit, signal: eda, ip: 192.168.1.20}
                  audio: {query: "type='Audio'"}
                """);
        PipelineConfig.Device eeg = c.input("eeg").device();
        assertEquals("muse_s", eeg.board());
        assertEquals("eeg", eeg.signal(), "the signal defaults to the input's role");
        assertEquals(java.util.Map.of("mac", "00:55:DA:B0:00:01"), eeg.connection());
        assertEquals("eda", c.input("gsr").device().signal());
        assertEquals(null, c.input("eeg").query(), "set by whoever opens the device");
        assertEquals(null, c.input("audio").device());
        String unopened = assertThrows(PipelineConfig.ConfigException.class, c::requireQueries).getMessage();
        assertEquals("configs/x.yaml: inputs.eeg reads board 'muse_s', which nothing has opened"
                + " (a device input is opened by ./frisson run)", unopened);
        c.withQuery("eeg", "source_id='x'").withQuery("gsr", "source_id='y'").requireQueries();

        assertEquals("configs/x.yaml: inputs.eeg: either 'query' (an LSL stream) or 'board' (a device Frisson opens"
                + " itself), not both", error("inputs: {eeg: {query: x, board: synthetic}}\n"));
        assertEquals("configs/x.yaml: inputs.eeg.mac belongs to a device input, which names its board ('board: <name>')",
                error("inputs: {eeg: {query: x, mac: ab}}\n"));
    }

    @Test
    void theRingWaitsBlockingUnlessTheConfigSaysOtherwise() {
        assertEquals(RingWait.BLOCKING, PipelineConfig.parse(FILE, "inputs: {eeg: {query: x}}\n").settings().ringWait());
        for (RingWait w : RingWait.values()) {
            assertEquals(w, PipelineConfig.parse(FILE, "pipeline: {wait: " + w.configName() + "}\n"
                    + "inputs: {eeg: {query: x}}\n").settings().ringWait());
        }
        assertEquals("configs/x.yaml: pipeline.wait must be one of [blocking, sleeping, yielding, busy_spin], got 'spin'",
                error("pipeline: {wait: spin}\ninputs: {eeg: {query: x}}\n"));
        assertEquals("configs/x.yaml: pipeline.wait must be one of [blocking, sleeping, yielding, busy_spin], got '3'",
                error("pipeline: {wait: 3}\ninputs: {eeg: {query: x}}\n"));
    }

    @Test
    void missingFileIsNamed() {
        String m = assertThrows(PipelineConfig.ConfigException.class,
                () -> PipelineConfig.load(Path.of("no/such.yaml"))).getMessage();
        assertEquals("no/such.yaml: no such file", m);
    }

    @Test
    void shippedConfigsAreValid() {
        Path home = Path.of(System.getProperty("frisson.home", "../"));
        for (String name : new String[]{"demo.yaml", "lab.yaml", "bench.yaml", "concert.yaml"}) {
            PipelineConfig c = PipelineConfig.load(home.resolve("configs").resolve(name));
            assertTrue(!c.inputs().isEmpty(), name);
        }
    }
}
