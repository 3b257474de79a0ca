package org.frisson.dashboards;

import java.util.concurrent.TimeUnit;

/**
 * Whether a request presents the access token. Every refusal is counted; a wrong token (not a missing one)
 * also counts against its client's address in {@link FailedAttempts}, and a blocked address is refused
 * whatever it presents until its window has passed, so guessing goes no faster than the limit.
 */
final class TokenGate {

    /** What to answer. */
    enum Verdict { PASS, REFUSED, BLOCKED }

    private final AccessToken token;
    private final FailedAttempts failures;
    private final Refusals refusals;

    TokenGate(AccessToken token, FailedAttempts failures, Refusals refusals) {
        this.token = token;
        this.failures = failures;
        this.refusals = refusals;
    }

    Verdict check(String clientAddress, String presented) {
        if (failures.blockedFor(clientAddress) > 0) {
            refusals.rateLimited.increment();
            return Verdict.BLOCKED;
        }
        if (token.matches(presented)) {
            return Verdict.PASS;
        }
        refusals.token.increment();
        if (presented != null) {
            failures.failed(clientAddress);
        }
        return Verdict.REFUSED;
    }

    /** Whole seconds, at least 1, until {@code clientAddress} may try again. */
    long retryAfterSeconds(String clientAddress) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(failures.blockedFor(clientAddress) + 999_999_999L));
    }

    String value() {
        return token.value();
    }
}
