package org.frisson.dashboards;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Routes requests: {@code /} (experimenter view), {@code /listener} (listener view), {@code /static/*}
 * (their scripts and styles), {@code /events} (the live server-sent events), {@code /metrics}
 * (Prometheus text), all GET; {@code /rating} (a rating's answer), POST. When a token is required, every
 * request must present it, as {@code ?token=} or as {@code Authorization: Bearer}; otherwise it gets 401.
 */
final class DashboardHandler extends Handler.Abstract {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "frame-ancestors 'none'";

    private final WebResources web;
    private final Broadcaster broadcaster;
    private final PrometheusMeterRegistry registry;
    private final AccessToken token;
    private final RatingEndpoint ratings;

    /** {@code token} null: no token needed. */
    DashboardHandler(WebResources web, Broadcaster broadcaster, PrometheusMeterRegistry registry, AccessToken token,
                     RatingEndpoint ratings) {
        this.web = web;
        this.broadcaster = broadcaster;
        this.registry = registry;
        this.token = token;
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
        if (token != null && !token.matches(presentedToken(request))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"frisson\"");
            return text(request, response, callback, 401,
                    "this dashboard needs its access token (printed at start): ?token=... or Authorization: Bearer ...\n");
        }
        if (rating) {
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
        response.getHeaders().put("Content-Security-Policy", SECURITY_POLICY);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        return send(request, response, callback, 200, "text/html; charset=utf-8", web.page(name, auth));
    }

    private boolean rating(Request request, Response response, Callback callback) {
        RatingEndpoint.Outcome outcome = ratings.post(request);
        if (outcome.status() == 204) {
            response.setStatus(204);
            closeUnlessBodyRead(request, response);
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
        return send(request, response, callback, status, "text/plain; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean send(Request request, Response response, Callback callback, int status, String type,
                                byte[] body) {
        response.setStatus(status);
        closeUnlessBodyRead(request, response);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /**
     * Many answers come without reading the request's body (a missing token, a wrong type, a declared length
     * over the limit), possibly before the body has even arrived. Jetty reads what has arrived and drops it;
     * when that is not the whole body it closes the connection once the answer is sent. The answer must then
     * say {@code Connection: close}: otherwise a client keeps the connection for its next request and finds it
     * closed (a POST is not retried). Called before the answer is committed.
     */
    private static void closeUnlessBodyRead(Request request, Response response) {
        if (!request.consumeAvailable()) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
    }
}
