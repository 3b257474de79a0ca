package org.frisson.dashboards;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The requests the dashboard refused, by reason ({@code frisson.dashboard.refused}, tag {@code reason}):
 * a {@code Host} not allowed, an {@code Origin} not its own on a rating, a missing or wrong token, and a
 * client blocked after too many wrong tokens.
 */
final class Refusals {

    final Counter host;
    final Counter origin;
    final Counter token;
    final Counter rateLimited;

    Refusals(MeterRegistry registry) {
        host = counter(registry, "host");
        origin = counter(registry, "origin");
        token = counter(registry, "token");
        rateLimited = counter(registry, "rate_limited");
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        return Counter.builder("frisson.dashboard.refused").tag("reason", reason)
                .description("dashboard requests refused: host not allowed, origin of another site, missing or wrong"
                        + " token, rate limited after wrong tokens")
                .register(registry);
    }
}
