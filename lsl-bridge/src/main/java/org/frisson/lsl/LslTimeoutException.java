package org.frisson.lsl;

/** An operation with a timeout did not complete in time (liblsl {@code lsl_timeout_error}). */
public final class LslTimeoutException extends LslException {
    public LslTimeoutException(String message) {
        super(message);
    }
}
