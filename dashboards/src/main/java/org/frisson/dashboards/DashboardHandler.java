package org.frisson.dashboards;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Routes requests: {@code /} (experimenter view), {@code /listener} (listener view), {@code /static/*}
 * (their scripts and styles), {@code /events} (the live server-sent events), {@code /metrics}
 * (Prometheus text), all GET; {@code /rating} (a rating's answer), POST. When a token is required, every
 * request must present it, as {@code ?token=} or as {@code Authorization: Bearer}; otherwise it gets 401,
 * and 429 once its address has sent too many wrong ones. A rating whose {@code Origin} (or {@code Referer})
 * is another site's gets 403. {@link HostGuard} has checked the {@code Host} and set the security headers.
 */
final class DashboardHandler extends Handler.Abstract {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final WebResources web;
    private final Broadcaster broadcaster;
    private final PrometheusMeterRegistry registry;
    private final TokenGate token;
    private final OriginCheck origins;
    private final Refusals refusals;
    private final RatingEndpoint ratings;

    /** {@code token} null: no token needed. */
    DashboardHandler(WebResources web, Broadcaster broadcaster, PrometheusMeterRegistry registry, TokenGate token,
                     OriginCheck origins, Refusals refusals, RatingEndpoint ratings) {
        this.web = web;
        this.broadcaster = broadcaster;
        this.registry = registry;
        this.token = token;
        this.origins = origins;
        this.refusals = refusals;
        this.ratings = ratings;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        boolean rating = path.equals("/rating");
        if (rating ? !HttpMethod.POST.is(method) : !HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, rating ? "POST" : "GET, HEAD");
            return text(request, response, callback, 405, rating ? "only POST\n" : "only GET and HEAD\n");
        }
        if (token != null) {
            String client = Request.getRemoteAddr(request);
            switch (token.check(client, presentedToken(request))) {
                case BLOCKED -> {
                    long wait = token.retryAfterSeconds(client);
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, wait);
                    return text(request, response, callback, 429, "too many wrong tokens from " + client
                            + ": try again in " + wait + " s\n");
                }
                case REFUSED -> {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"frisson\"");
                    return text(request, response, callback, 401, "this dashboard needs its access token (printed"
                            + " at start): ?token=... or Authorization: Bearer ...\n");
                }
                case PASS -> {
                }
            }
        }
        if (rating) {
            if (!origins.allows(request.getHeaders().get(HttpHeader.ORIGIN), request.getHeaders().get(HttpHeader.REFERER),
                    request.isSecure() ? "https" : "http", Request.getLocalPort(request))) {
                refusals.origin.increment();
                return text(request, response, callback, 403, "rating: refused, sent from another site's page\n");
            }
            return rating(request, response, callback);
        }
        switch (path) {
            case "/", "/experimenter" -> {
                return page(request, response, callback, "experimenter.html");
            }
            case "/listener" -> {
                return page(request, response, callback, "listener.html");
            }
            case "/events" -> {
                return events(response, callback);
            }
            case "/metrics" -> {
                return send(request, response, callback, 200, PROMETHEUS_TEXT,
                        registry.scrape().getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                if (path.startsWith("/static/")) {
                    WebResources.Resource r = web.get(path.substring("/static/".length()));
                    if (r != null) {
                        return send(request, response, callback, 200, r.contentType(), r.bytes());
                    }
                }
                return text(request, response, callback, 404, "not found: " + path + "\n");
            }
        }
    }

    private static String presentedToken(Request request) {
        HttpField auth = request.getHeaders().getField(HttpHeader.AUTHORIZATION);
        if (auth != null && auth.getValue().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.getValue().substring(7).trim();
        }
        return Request.extractQueryParameters(request).getValue("token");
    }

    private boolean page(Request request, Response response, Callback callback, String name) {
        String auth = token == null ? "" : "?token=" + URLEncoder.encode(token.value(), StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        return send(request, response, callback, 200, "text/html; charset=utf-8", web.page(name, auth));
    }

    private boolean rating(Request request, Response response, Callback callback) {
        RatingEndpoint.Outcome outcome = ratings.post(request);
        if (outcome.status() == 204) {
            response.setStatus(204);
            Replies.closeUnlessBodyRead(request, response);
            callback.succeeded();
            return true;
        }
        return text(request, response, callback, outcome.status(), outcome.message() + "\n");
    }

    private boolean events(Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        broadcaster.add(new EventClient(response, callback));
        return true;
    }

    private static boolean text(Request request, Response response, Callback callback, int status, String body) {
        return Replies.text(request, response, callback, status, body);
    }

    private static boolean send(Request request, Response response, Callback callback, int status, String type,
                                byte[] body) {
        return Replies.send(request, response, callback, status, type, body);
    }
}
