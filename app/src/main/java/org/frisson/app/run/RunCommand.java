package org.frisson.app.run;

import org.frisson.app.calibrate.ProfileStage;
import org.frisson.pipeline.PipelineConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code frisson run}: the live pipeline against whatever LSL streams match its config. */
@Command(name = "run", description = "Run the live pipeline described by a config file.")
public final class RunCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Pipeline config (YAML), e.g. configs/lab.yaml.")
    Path config;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S", description = "Seconds to run; 0 until Ctrl-C.")
    double duration;

    @Option(names = "--record", paramLabel = "FILE.xdf", description = "Record every input and output into this XDF file.")
    Path record;

    @Option(names = "--profile", paramLabel = "DIR", description = "A listener's calibration profile (frisson calibrate): "
            + "adds their valence/arousal readouts (subject.valence, subject.arousal) after the emotion stage; refused "
            + "when made for other channels or models.")
    Path profile;

    @CommandLine.Mixin
    DashboardOptions dashboard = new DashboardOptions();

    @Override
    public void run() {
        PipelineConfig cfg = PipelineConfig.load(config);
        if (profile != null) {
            cfg = ProfileStage.add(cfg, profile);
        } else {
            uncalibrated(cfg).ifPresent(line -> {
                PrintWriter out = spec.commandLine().getOut();
                out.println(line);
                out.flush();
            });
        }
        new LiveRun(spec.commandLine().getOut(), dashboard, duration, record).run(cfg);
    }

    /** The line a run without a profile prints when its config predicts a listener's valence and arousal. */
    static java.util.Optional<String> uncalibrated(PipelineConfig cfg) {
        if (cfg.stages().stream().noneMatch(st -> st.kind().equals("emotion"))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("frisson: NOTE the listener has not been calibrated: valence and arousal come"
                + " from the emotion model alone; for this listener's own, run ./frisson calibrate --config"
                + " configs/calibration.yaml --subject ID --out profiles/ID, then add --profile profiles/ID");
    }
}
