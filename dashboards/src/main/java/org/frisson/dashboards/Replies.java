package org.frisson.dashboards;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Complete answers with a body. */
final class Replies {

    private Replies() {
    }

    static boolean text(Request request, Response response, Callback callback, int status, String body) {
        return send(request, response, callback, status, "text/plain; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
    }

    static boolean send(Request request, Response response, Callback callback, int status, String type,
                        byte[] body) {
        response.setStatus(status);
        closeUnlessBodyRead(request, response);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
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
    static void closeUnlessBodyRead(Request request, Response response) {
        if (!request.consumeAvailable()) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
    }
}
