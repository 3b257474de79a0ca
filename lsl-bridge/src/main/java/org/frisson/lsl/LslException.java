package org.frisson.lsl;

/** Base of every error the LSL bridge raises. */
public class LslException extends RuntimeException {

    public LslException(String message) {
        super(message);
    }

    public LslException(String message, Throwable cause) {
        super(message, cause);
    }
}
