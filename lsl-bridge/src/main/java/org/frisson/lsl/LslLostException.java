package org.frisson.lsl;

/** The stream's source is gone and cannot be recovered (liblsl {@code lsl_lost_error}). */
public final class LslLostException extends LslException {
    public LslLostException(String message) {
        super(message);
    }
}
