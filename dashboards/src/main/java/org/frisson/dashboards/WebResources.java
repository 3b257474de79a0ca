package org.frisson.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The pages, scripts and styles served from the jar, read once at start. Only the files listed here
 * exist; nothing is looked up from a request's path.
 */
final class WebResources {

    /** A file to serve: its bytes and content type. */
    record Resource(byte[] bytes, String contentType) {
    }

    private static final String BASE = "/org/frisson/dashboards/web/";
    private static final Map<String, String> FILES = Map.of(
            "experimenter.html", "text/html; charset=utf-8",
            "listener.html", "text/html; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "live.js", "text/javascript; charset=utf-8",
            "charts.js", "text/javascript; charset=utf-8",
            "experimenter.js", "text/javascript; charset=utf-8",
            "listener.js", "text/javascript; charset=utf-8",
            "rating.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    /** Where pages put the query that later requests of theirs need (the token, when one is required). */
    static final String AUTH_PLACEHOLDER = "{{auth}}";

    private final Map<String, Resource> files = new HashMap<>();

    WebResources() {
        FILES.forEach((name, type) -> files.put(name, new Resource(read(name), type)));
    }

    /** The named file, or null. */
    Resource get(String name) {
        return files.get(name);
    }

    /** A page with its placeholder filled in. */
    byte[] page(String name, String authQuery) {
        String html = new String(files.get(name).bytes(), StandardCharsets.UTF_8);
        return html.replace(AUTH_PLACEHOLDER, authQuery).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(String name) {
        try (InputStream in = WebResources.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource missing from the jar: " + BASE + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
