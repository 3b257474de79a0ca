package org.frisson.models;

/** A model cannot be had on this machine (not exported, and the export cannot run); the message says why. */
public final class ModelUnavailableException extends Exception {
    public ModelUnavailableException(String message) {
        super(message);
    }
}
