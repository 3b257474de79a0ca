package org.frisson.app.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.frisson.app.StopSignal;
import org.frisson.app.devices.DeviceInputs;
import org.frisson.dashboards.Dashboard;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.PipelineConfig;
import org.frisson.pipeline.PipelineRecorder;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * A live pipeline run as {@code run}, {@code demo} and {@code calibrate} start it: the dashboard (unless
 * switched off), the recorder (when there is a file to record to) and the pipeline feeding them, with the
 * status shown until the run stops; then the pipeline, the recorder and the dashboard are drained and closed, and
 * the samples the recorder could not write, if any, are counted in a last line.
 * Every pipeline meter goes to a Prometheus registry, which the dashboard's {@code /metrics} exports.
 */
public final class LiveRun {

    private final PrintWriter out;
    private final DashboardOptions dashboardOptions;
    private final double duration;
    private final Path record;

    /**
     * @param out       where the status goes
     * @param dashboard the dashboard options
     * @param duration  seconds to run; 0 until Ctrl-C
     * @param record    the XDF file every input and output is recorded into; null records nothing
     */
    public LiveRun(PrintWriter out, DashboardOptions dashboard, double duration, Path record) {
        this.out = out;
        this.dashboardOptions = dashboard;
        this.duration = duration;
        this.record = record;
    }

    /** Runs the pipeline of {@code cfg} until the duration is over or a stop is requested. */
    public void run(PipelineConfig cfg) {
        run(cfg, LiveSession.NONE);
    }

    /** The same, with what {@code session} adds: taps on the data, an end of its own, work once running. */
    public void run(PipelineConfig cfg, LiveSession session) {
        StopSignal.install();
        LiveStatus[] status = new LiveStatus[1];
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PipelineRecorder recorder = record == null ? null : new PipelineRecorder(record, false);
        MarkerLog markers = new MarkerLog();
        try (recorder; Dashboard dashboard = dashboardOptions.start(registry, String.valueOf(cfg.file().getFileName()),
                session.ratings()); DeviceInputs devices = DeviceInputs.open(cfg, line -> say(status[0], line))) {
            if (dashboard != null) {
                synchronized (out) {
                    out.println("dashboard: " + dashboard.url() + " (listener view: /listener, Prometheus: /metrics)"
                            + dashboard.token().map(t -> "; every request needs this token (?token= or"
                            + " Authorization: Bearer)").orElse(""));
                    out.flush();
                }
            }
            try (Pipeline p = Pipeline.start(devices.config(), registry, line -> say(status[0], line), DashboardLink.taps(dashboard).and(recorder == null ? Pipeline.Taps.NONE : recorder.taps())
                    .and(new Pipeline.Taps(List.of(), List.of(markers))).and(session.taps()).and(devices.taps()))) {
                DashboardLink.showHealth(dashboard, p);
                DashboardLink.showDevices(dashboard, devices.health());
                status[0] = new LiveStatus(p, out, markers);
                if (recorder != null) {
                    status[0].log("recording every input and output to " + recorder.file());
                }
                status[0].log("running " + cfg.file() + ": outputs " + p.outputChannels().keySet() + "; Ctrl-C to stop");
                session.running(p);
                session.started(dashboard, status[0]::log);
                status[0].runUntilStopped(duration, session::done);
                session.stopped();
                status[0].log(String.format("stopping after %d frames", p.frames()));
            }
        }
        if (recorder != null && recorder.droppedSamples() > 0) {
            say(null, "recording " + recorder.file() + ": " + recorder.droppedSamples() + " samples could not be "
                    + "written; it holds what was written before");
        }
    }

    /** A line of the run's log: through the status line once it shows, straight out before. */
    private void say(LiveStatus status, String line) {
        if (status != null) {
            status.log(line);
        } else {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }
}
