package org.frisson.devices;

/** A board could not be opened or read; the message names the board and the parameter concerned. */
public class BoardException extends RuntimeException {

    private final int exitCode;

    public BoardException(String message) {
        this(message, 0);
    }

    public BoardException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** BrainFlow's exit code, 0 when the failure did not come from BrainFlow. */
    public int exitCode() {
        return exitCode;
    }
}
