package org.frisson.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.frisson.dashboards.Dashboard;
import org.frisson.dashboards.RatingSink;
import org.frisson.lsl.Lsl;
import picocli.CommandLine.Option;

/** The live dashboard options of {@code run} and {@code demo}. */
final class DashboardOptions {

    @Option(names = "--dashboard-port", paramLabel = "PORT", description = {
            "Port of the live dashboard (default: " + Dashboard.DEFAULT_PORT + "; 0: any free port, printed at start).",
            "If the default port is taken, any free port is used; a port given here must be free."})
    Integer port;

    @Option(names = "--dashboard-bind", paramLabel = "ADDR", defaultValue = Dashboard.LOOPBACK, description = {
            "Address the dashboard listens on (default: ${DEFAULT-VALUE}, this machine only). On any other address",
            "every request needs the access token printed at start (?token=... or Authorization: Bearer ...)."})
    String bind;

    @Option(names = "--no-dashboard", description = "No dashboard (and no /metrics endpoint).")
    boolean off;

    /** Starts the dashboard, or returns null when switched off. */
    Dashboard start(PrometheusMeterRegistry registry, String title) {
        return start(registry, title, null);
    }

    /**
     * Starts the dashboard, or returns null when switched off; {@code ratings} (may be null: none) gets the
     * ratings answered on its pages.
     */
    Dashboard start(PrometheusMeterRegistry registry, String title, RatingSink ratings) {
        if (off) {
            return null;
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new Frisson.CliException("--dashboard-port must be 0..65535, got " + port);
        }
        try {
            return Dashboard.start(new Dashboard.Settings(bind, port == null ? Dashboard.DEFAULT_PORT : port,
                    port == null, title), registry, Lsl::localClock, ratings);
        } catch (IllegalStateException e) {
            throw new Frisson.CliException(e.getMessage() + " (another port: --dashboard-port; none: --no-dashboard)");
        }
    }

    /** The options for a run with no dashboard. */
    static DashboardOptions none() {
        DashboardOptions o = new DashboardOptions();
        o.off = true;
        return o;
    }
}
