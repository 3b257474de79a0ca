package org.frisson.calibration;

/** A profile that cannot be read or does not fit the pipeline; the message names the file and the field, or the difference. */
public final class ProfileException extends IllegalArgumentException {
    public ProfileException(String message) {
        super(message);
    }
}
