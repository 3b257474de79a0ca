package org.frisson.app.bench;

import org.frisson.app.CliException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.lsl.LslLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code frisson bench pipeline}: sustained ingest through the whole pipeline, latency measured by a peer. */
@Command(name = "pipeline", description = {
        "Sustained ingest through the whole pipeline (configs/bench.yaml): 64-ch EEG at 1 kHz, --wearables",
        "GSR/PPG streams and 48 kHz audio from a separate peer process that measures end-to-end latency;",
        "CPU, samples lost, allocation rate, stage times."})
final class BenchPipelineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchCommand.Common common;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds after a 5 s warm-up (default: ${DEFAULT-VALUE}; 10 with --quick).")
    double seconds;

    @Option(names = "--wearables", defaultValue = "100", description = "GSR+PPG streams (default: ${DEFAULT-VALUE}).")
    int wearables;

    @Option(names = "--config", paramLabel = "FILE", description = {"Pipeline config (default: configs/bench.yaml;",
            "configs/bench-models.yaml adds MusiCNN, transitions, emotion and chill models at the online hop)."})
    Path config;

    @Option(names = "--eeg-channels", defaultValue = "64", description = "EEG channels the peer publishes (default: ${DEFAULT-VALUE}; the emotion model needs DEAP's 32).")
    int eegChannels;

    @Option(names = "--eeg-rate", defaultValue = "1000", description = "EEG rate in Hz (default: ${DEFAULT-VALUE}).")
    double eegRate;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Path cfg = config != null ? config : LslLibrary.frissonHome().resolve("configs/bench.yaml");
        double secs = common.quick ? Math.min(seconds, 10) : seconds;
        out.printf("pipeline: %s, %d-ch EEG at %.0f Hz + %d wearable streams + 48 kHz audio, %.0f s after 5 s warm-up%n",
                cfg, eegChannels, eegRate, wearables, secs);
        out.flush();
        try {
            ObjectNode r = org.frisson.app.bench.PipelineBench.run(cfg, wearables, eegChannels, eegRate, 5, secs,
                    line -> { });
            ObjectMapper mapper = new ObjectMapper();
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(r));
            common.writeJson(r, out);
            out.flush();
        } catch (IOException e) {
            throw new CliException("benchmark I/O failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
