package org.frisson.app.audio;

/** An audio device or server that is missing, busy or refuses what was asked; the message names it. */
public final class AudioDeviceException extends RuntimeException {

    public AudioDeviceException(String message) {
        super(message);
    }

    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
