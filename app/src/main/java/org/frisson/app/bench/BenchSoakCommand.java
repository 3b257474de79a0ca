package org.frisson.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.app.CliException;
import org.frisson.app.run.DashboardOptions;
import org.frisson.app.run.LiveRun;
import org.frisson.lsl.LslLibrary;
import org.frisson.pipeline.PipelineConfig;
import org.frisson.sim.SessionOptions;
import org.frisson.sim.Simulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code frisson bench soak}: a long live run on simulated streams, its footprint and latency sampled throughout. */
@Command(name = "soak", description = {
        "A long run of the lab pipeline with every model (configs/demo.yaml on the simulated listener), or of a",
        "concert of --participants listeners (configs/concert.yaml): heap after GC, resident memory, threads, open",
        "files, latency and samples lost every --every seconds; then the memory slopes per hour, p99 latency at",
        "the start and at the end, and the samples lost."})
final class BenchSoakCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchCommand.Common common;

    @Option(names = "--minutes", defaultValue = "60", description = "Minutes to run (default: ${DEFAULT-VALUE}; 2 with --quick).")
    double minutes;

    @Option(names = "--participants", defaultValue = "0", description = "Listeners of a simulated concert; 0 (default) runs the lab pipeline on one simulated listener.")
    int participants;

    @Option(names = "--every", defaultValue = "10", paramLabel = "S", description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    double every;

    @Option(names = "--seed", defaultValue = "1", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (!(minutes > 0) || !(every > 0) || participants < 0) {
            throw new CliException("--minutes and --every must be positive, --participants not negative");
        }
        double mins = common.quick ? Math.min(minutes, 2) : minutes;
        Path home = LslLibrary.frissonHome();
        boolean concert = participants > 0;
        Path cfgFile = home.resolve(concert ? "configs/concert.yaml" : "configs/demo.yaml");
        String session = "soak-" + ProcessHandle.current().pid();
        String what = String.format(java.util.Locale.ROOT, "%s, %s, %.4g min", cfgFile.getFileName(),
                concert ? participants + " simulated listeners" : "one simulated listener, every model", mins);
        out.println("soak: " + what + "; a line every " + every + " s");
        out.flush();
        SoakSession soak = new SoakSession(every);
        try (Simulator sim = Simulator.start(new SessionOptions(concert ? "concert" : "lab", Math.max(1, participants),
                seed, 0, home.resolve(".frisson/sim-truth-" + session + ".json"), session))) {
            new LiveRun(out, DashboardOptions.none(), mins * 60, null)
                    .run(PipelineConfig.load(cfgFile).restrictedTo("frisson-sim-" + session + "-"), soak);
        }
        ObjectNode report = soak.report(what);
        try {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report.get("summary")));
            common.writeJson(report, out);
        } catch (IOException e) {
            throw new CliException("soak: " + e.getMessage());
        }
        out.flush();
    }
}
