package org.frisson.stage;

/** A stage's configuration is wrong; the message names the stage and the key. */
public final class StageConfigException extends RuntimeException {
    public StageConfigException(String message) {
        super(message);
    }
}
