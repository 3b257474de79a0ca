package org.frisson.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.frisson.app.calibrate.ProfileStage;
import org.frisson.app.pipeline.Pipeline;
import org.frisson.app.pipeline.PipelineConfig;
import org.frisson.app.pipeline.PipelineRecorder;
import org.frisson.dashboards.Dashboard;
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
        }
        runPipeline(cfg, duration, record, spec.commandLine().getOut(), dashboard);
    }

    /**
     * Starts the dashboard (unless switched off), the recorder (when {@code record} is set) and the pipeline
     * feeding them, shows the status until stopped, then drains and closes the pipeline, the recorder and the
     * dashboard. Every pipeline meter goes to a Prometheus registry, which the dashboard's {@code /metrics}
     * exports.
     */
    static void runPipeline(PipelineConfig cfg, double duration, Path record, PrintWriter out,
                            DashboardOptions dashboardOptions) {
        runPipeline(cfg, duration, record, out, dashboardOptions, LiveSession.NONE);
    }

    /** The same, with what {@code session} adds: taps on the data, an end of its own, work once running. */
    static void runPipeline(PipelineConfig cfg, double duration, Path record, PrintWriter out,
                            DashboardOptions dashboardOptions, LiveSession session) {
        StopSignal.install();
        LiveStatus[] status = new LiveStatus[1];
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PipelineRecorder recorder = record == null ? null : new PipelineRecorder(record, false);
        MarkerLog markers = new MarkerLog();
        try (recorder; Dashboard dashboard = dashboardOptions.start(registry, String.valueOf(cfg.file().getFileName()),
                session.ratings())) {
            if (dashboard != null) {
                synchronized (out) {
                    out.println("dashboard: " + dashboard.url() + " (listener view: /listener, Prometheus: /metrics)"
                            + dashboard.token().map(t -> "; every request needs this token (?token= or"
                            + " Authorization: Bearer)").orElse(""));
                    out.flush();
                }
            }
            try (Pipeline p = Pipeline.start(cfg, registry, line -> {
                if (status[0] != null) {
                    status[0].log(line);
                } else {
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                }
            }, DashboardLink.taps(dashboard).and(recorder == null ? Pipeline.Taps.NONE : recorder.taps())
                    .and(new Pipeline.Taps(java.util.List.of(), java.util.List.of(markers))).and(session.taps()))) {
                DashboardLink.showHealth(dashboard, p);
                status[0] = new LiveStatus(p, out, markers);
                if (recorder != null) {
                    status[0].log("recording every input and output to " + recorder.file());
                }
                status[0].log("running " + cfg.file() + ": outputs " + p.outputChannels().keySet() + "; Ctrl-C to stop");
                session.started(dashboard, status[0]::log);
                status[0].runUntilStopped(duration, session::done);
                session.stopped();
                status[0].log(String.format("stopping after %d frames", p.frames()));
            }
        }
    }
}
