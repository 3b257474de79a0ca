package org.frisson.pipeline;

import io.micrometer.core.instrument.Counter;

import java.util.function.Consumer;

/**
 * What a guarded listener knows about itself: whether it is switched off, and the one line that said why.
 * The first failure switches it off, counts it and logs the line; a listener's guard asks {@link #off()}
 * before each call and calls {@link #failed} when the listener throws.
 */
final class ListenerGuard {

    private final String description;
    private final String consequence;
    private final Counter failures;
    private final Consumer<String> log;
    private volatile boolean off;
    private volatile String failure;

    /**
     * @param description how the log names the listener, e.g. {@code output listener 'Csv'}
     * @param consequence what goes on without it, e.g. {@code outputs and every other listener go on}
     */
    ListenerGuard(String description, String consequence, Counter failures, Consumer<String> log) {
        this.description = description;
        this.consequence = consequence;
        this.failures = failures;
        this.log = log;
    }

    boolean off() {
        return off;
    }

    /** The line that said why it was switched off; null while it runs. */
    String failure() {
        return failure;
    }

    /** The listener threw on {@code where}: switched off, counted and said, once. */
    void failed(String where, RuntimeException e) {
        if (off) {
            return;
        }
        off = true;
        failures.increment();
        failure = description + " failed on " + where + " and is switched off; " + consequence + ": " + e;
        log.accept(failure);
    }
}
