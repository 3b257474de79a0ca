package org.frisson.dashboards;

import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every answer carries: a content security policy that allows only the dashboard's own scripts,
 * styles, images and connections (no inline script or style) and no framing, no content sniffing, no
 * referrer (the pages' addresses may carry the token).
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void put(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
    }
}
