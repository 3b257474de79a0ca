package org.frisson.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.frisson.app.pipeline.Pipeline;
import org.frisson.app.pipeline.PipelineConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code frisson run}: the live pipeline against whatever LSL streams match its config. */
@Command(name = "run", description = "Run the live pipeline described by a config file.")
final class RunCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Pipeline config (YAML), e.g. configs/lab.yaml.")
    Path config;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S", description = "Seconds to run; 0 until Ctrl-C.")
    double duration;

    @Override
    public void run() {
        runPipeline(PipelineConfig.load(config), duration, spec.commandLine().getOut());
    }

    /** Starts the pipeline, shows its status until stopped, then drains and closes it. */
    static void runPipeline(PipelineConfig cfg, double duration, PrintWriter out) {
        StopSignal.install();
        LiveStatus[] status = new LiveStatus[1];
        try (Pipeline p = Pipeline.start(cfg, new SimpleMeterRegistry(), line -> {
            if (status[0] != null) {
                status[0].log(line);
            } else {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            }
        })) {
            status[0] = new LiveStatus(p, out);
            status[0].log("running " + cfg.file() + ": outputs " + p.outputChannels().keySet() + "; Ctrl-C to stop");
            status[0].runUntilStopped(duration);
            status[0].log(String.format("stopping after %d frames", p.frames()));
        }
    }
}
