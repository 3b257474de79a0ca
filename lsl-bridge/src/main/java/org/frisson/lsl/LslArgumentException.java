package org.frisson.lsl;

/** liblsl rejected an argument ({@code lsl_argument_error}). */
public final class LslArgumentException extends LslException {
    public LslArgumentException(String message) {
        super(message);
    }
}
