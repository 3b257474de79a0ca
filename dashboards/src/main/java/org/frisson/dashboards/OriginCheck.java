package org.frisson.dashboards;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether a request comes from the dashboard's own pages, by its {@code Origin} or, when it has none, its
 * {@code Referer}: the scheme and port must be this server's and the host an allowed one. A request with
 * neither (a script, curl) passes: browsers send one of them with every cross-site POST, unless the page
 * asked for no referrer, when the origin is {@code null} and refused.
 */
final class OriginCheck {

    private final HostAllowList hosts;

    OriginCheck(HostAllowList hosts) {
        this.hosts = hosts;
    }

    /**
     * Whether a request with these headers (either may be null) that came in by {@code scheme}
     * ({@code http} or {@code https}) on {@code port} may go on.
     */
    boolean allows(String origin, String referer, String scheme, int port) {
        String from = origin != null ? origin : referer;
        return from == null || isOwn(from.trim(), scheme, port);
    }

    private boolean isOwn(String url, String scheme, int port) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getRawUserInfo() != null
                || !uri.getScheme().toLowerCase(Locale.ROOT).equals(scheme)) {
            return false;
        }
        int p = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return p == port && hosts.allows(uri.getRawAuthority());
    }
}
