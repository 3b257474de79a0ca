package org.frisson.lsl;

/** liblsl failed internally ({@code lsl_internal_error}), or returned no handle. */
public final class LslInternalException extends LslException {
    public LslInternalException(String message) {
        super(message);
    }
}
