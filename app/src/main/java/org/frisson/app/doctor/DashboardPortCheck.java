package org.frisson.app.doctor;

import org.frisson.dashboards.Dashboard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether the live dashboard's default port is free on its default address. */
public final class DashboardPortCheck {

    static final String NAME = "dashboard";

    private DashboardPortCheck() {
    }

    public static Check run() {
        return run(Dashboard.LOOPBACK, Dashboard.DEFAULT_PORT);
    }

    static Check run(String bind, int port) {
        String where = bind + ":" + port;
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as the dashboard's server binds: a port in TIME_WAIT counts as free
            s.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
            return Check.ok(NAME, where + " is free");
        } catch (IOException e) {
            return Check.warn(NAME, where + " is taken (" + e.getMessage() + "): run and demo will serve the "
                    + "dashboard on another free port and print it", "stop what listens on " + port
                    + ", or choose a port with --dashboard-port P");
        }
    }
}
