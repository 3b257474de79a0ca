package org.frisson.app.run;

import org.frisson.pipeline.PipelineConfig;
import org.frisson.sim.SessionOptions;
import org.frisson.sim.Simulator;
import org.frisson.lsl.LslLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code frisson demo}: a full session on simulated streams, no hardware. The simulator publishes a
 * listener (music, EEG, skin conductance, PPG, chill button, rating slider) over real LSL, and the live
 * pipeline of {@code configs/demo.yaml} processes it and publishes its outputs.
 */
@Command(name = "demo", description = "Run a full session on simulated streams (no hardware needed).")
public final class DemoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S", description = "Seconds to run; 0 until Ctrl-C.")
    double duration;

    @Option(names = "--seed", defaultValue = "1", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--config", paramLabel = "FILE", description = "Pipeline config (default: configs/demo.yaml).")
    Path config;

    @Option(names = "--record", paramLabel = "FILE.xdf", description = "Record every input and output into this XDF file.")
    Path record;

    @CommandLine.Mixin
    DashboardOptions dashboard = new DashboardOptions();

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Path home = LslLibrary.frissonHome();
        Path cfgFile = config != null ? config : home.resolve("configs/demo.yaml");
        PipelineConfig cfg = PipelineConfig.load(cfgFile);
        String session = "demo-" + ProcessHandle.current().pid();
        Path truth = home.resolve(".frisson/sim-truth-" + session + ".json");
        try (Simulator sim = Simulator.start(new SessionOptions("lab", 1, seed, 0, truth, session))) {
            out.println("demo: simulating " + String.join(", ", sim.streams()));
            out.println("demo: planted ground truth in " + truth);
            out.flush();
            new LiveRun(out, dashboard, duration, record).run(cfg.restrictedTo("frisson-sim-" + session + "-"));
        }
    }
}
