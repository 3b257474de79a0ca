package org.frisson.app.run;

import org.frisson.app.CliException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.frisson.dashboards.Dashboard;
import org.frisson.dashboards.RatingSink;
import org.frisson.lsl.Lsl;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The live dashboard options of {@code run} and {@code demo}. */
public final class DashboardOptions {

    @Option(names = "--dashboard-port", paramLabel = "PORT", description = {
            "Port of the live dashboard (default: " + Dashboard.DEFAULT_PORT + "; 0: any free port, printed at start).",
            "If the default port is taken, any free port is used; a port given here must be free."})
    Integer port;

    @Option(names = "--dashboard-bind", paramLabel = "ADDR", defaultValue = Dashboard.LOOPBACK, description = {
            "Address the dashboard listens on (default: ${DEFAULT-VALUE}, this machine only). On any other address",
            "every request needs the access token printed at start (?token=... or Authorization: Bearer ...)."})
    String bind;

    @Option(names = "--dashboard-host", paramLabel = "NAME", description = {
            "A further name (or address) by which browsers reach the dashboard, e.g. a hall's DNS name; repeatable.",
            "Requests naming any other host are refused (the loopback, the bound address and, on 0.0.0.0 or ::,",
            "this machine's addresses and host name are always allowed)."})
    List<String> hosts = new ArrayList<>();

    @Option(names = "--token-file", paramLabel = "FILE", description = {
            "Keep the access token in FILE (owner-only, created with a new token when missing), so it stays the",
            "same across starts; a FILE open to group or others is refused. Default: a new token at every start."})
    Path tokenFile;

    @Option(names = "--dashboard-keystore", paramLabel = "FILE", description = {
            "Serve the dashboard over HTTPS with the key and certificate in FILE (PKCS12 or JKS);",
            "needs --dashboard-keystore-password-file."})
    Path keystore;

    @Option(names = "--dashboard-keystore-password-file", paramLabel = "FILE", description =
            "The keystore's password: the first line of FILE (owner-only, chmod 600).")
    Path keystorePasswordFile;

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
            throw new CliException("--dashboard-port must be 0..65535, got " + port);
        }
        if ((keystore == null) != (keystorePasswordFile == null)) {
            throw new CliException("--dashboard-keystore and --dashboard-keystore-password-file go together");
        }
        Dashboard.Tls tls = keystore == null ? null : new Dashboard.Tls(keystore, keystorePasswordFile);
        try {
            return Dashboard.start(new Dashboard.Settings(bind, port == null ? Dashboard.DEFAULT_PORT : port,
                    port == null, title, hosts, tokenFile, tls), registry, Lsl::localClock, ratings);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage() + " (another port: --dashboard-port; none: --no-dashboard)");
        }
    }

    /** The options for a run with no dashboard. */
    public static DashboardOptions none() {
        DashboardOptions o = new DashboardOptions();
        o.off = true;
        return o;
    }
}
