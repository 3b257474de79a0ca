package org.frisson.dashboards;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * In front of everything: puts the {@link SecurityHeaders} on the answer, then refuses with 421 a request
 * whose {@code Host} is not allowed (missing included), counted, before anything else looks at it.
 */
final class HostGuard extends Handler.Wrapper {

    private static final int MISDIRECTED = 421;
    private static final int SHOWN = 100;

    private final HostAllowList hosts;
    private final Refusals refusals;

    HostGuard(HostAllowList hosts, Refusals refusals, Handler next) {
        super(next);
        this.hosts = hosts;
        this.refusals = refusals;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SecurityHeaders.put(response.getHeaders());
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (!hosts.allows(host)) {
            refusals.host.increment();
            String shown = host == null ? "none" : "'" + (host.length() > SHOWN ? host.substring(0, SHOWN) + "…" : host)
                    + "'";
            return Replies.text(request, response, callback, MISDIRECTED, "this dashboard does not answer to Host "
                    + shown + " (another name for it: --dashboard-host NAME)\n");
        }
        return super.handle(request, response, callback);
    }
}
