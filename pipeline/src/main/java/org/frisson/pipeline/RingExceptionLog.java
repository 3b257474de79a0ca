package org.frisson.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import io.micrometer.core.instrument.Counter;

import java.util.function.Consumer;

/**
 * What the ring does with an exception that got past the guards around stages and listeners: it logs
 * it with the event's sequence and goes on, where the Disruptor's default would stop the consumer and,
 * with it, every input. Counted, and logged at most {@link #LOGGED} times so that a failure on every
 * chunk cannot flood the log.
 */
final class RingExceptionLog implements ExceptionHandler<ChunkEvent> {

    static final int LOGGED = 10;

    private final Consumer<String> log;
    private final Counter failures;
    private long seen;

    RingExceptionLog(Consumer<String> log, Counter failures) {
        this.log = log;
        this.failures = failures;
    }

    @Override
    public synchronized void handleEventException(Throwable ex, long sequence, ChunkEvent event) {
        failures.increment();
        if (++seen <= LOGGED) {
            log.accept("ring: event " + sequence + " (input " + (event == null ? "?" : event.stream) + ") failed;"
                    + " the session goes on" + (seen == LOGGED ? " (further failures are counted, not logged)" : "")
                    + ": " + ex);
        }
    }

    @Override
    public void handleOnStartException(Throwable ex) {
        failures.increment();
        log.accept("ring: a consumer failed to start; the session goes on: " + ex);
    }

    @Override
    public void handleOnShutdownException(Throwable ex) {
        failures.increment();
        log.accept("ring: a consumer failed to shut down: " + ex);
    }
}
