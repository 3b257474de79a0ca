package org.frisson.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.frisson.app.pipeline.Pipeline;
import org.frisson.app.pipeline.PipelineConfig;
import org.frisson.app.pipeline.PipelineRecorder;
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

    @Option(names = "--record", paramLabel = "FILE.xdf", description = "Record every input and output into this XDF file.")
    Path record;

    @Override
    public void run() {
        runPipeline(PipelineConfig.load(config), duration, record, spec.commandLine().getOut());
    }

    /** Starts the pipeline (recording it when {@code record} is set), shows its status until stopped, closes it. */
    static void runPipeline(PipelineConfig cfg, double duration, Path record, PrintWriter out) {
        StopSignal.install();
        LiveStatus[] status = new LiveStatus[1];
        PipelineRecorder recorder = record == null ? null : new PipelineRecorder(record, false);
        Pipeline.Taps taps = recorder == null ? Pipeline.Taps.NONE : recorder.taps();
        try (recorder; Pipeline p = Pipeline.start(cfg, new SimpleMeterRegistry(), line -> {
            if (status[0] != null) {
                status[0].log(line);
            } else {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            }
        }, taps)) {
            status[0] = new LiveStatus(p, out);
            if (recorder != null) {
                status[0].log("recording every input and output to " + recorder.file());
            }
            status[0].log("running " + cfg.file() + ": outputs " + p.outputChannels().keySet() + "; Ctrl-C to stop");
            status[0].runUntilStopped(duration);
            status[0].log(String.format("stopping after %d frames", p.frames()));
        }
    }
}
