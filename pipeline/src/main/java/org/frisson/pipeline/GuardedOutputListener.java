package org.frisson.pipeline;

import io.micrometer.core.instrument.Counter;
import org.frisson.lsl.StreamInfo;

import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link OutputListener} that cannot take the session down: the first exception it throws switches it
 * off with one log line naming it, the call and the exception, and counts a failure; the outputs and every
 * other listener go on. Its {@code end()} is still called, so it can close what it opened.
 */
final class GuardedOutputListener implements OutputListener {

    private final OutputListener delegate;
    private final ListenerGuard guard;

    GuardedOutputListener(OutputListener delegate, Counter failures, Consumer<String> log) {
        this.delegate = delegate;
        this.guard = new ListenerGuard("output listener '" + ListenerNames.of(delegate) + "'",
                "outputs and every other listener go on", failures, log);
    }

    /** The line that said why it was switched off; null while it runs. */
    String failure() {
        return guard.failure();
    }

    @Override
    public void start(List<StreamInfo> outputs) {
        try {
            delegate.start(outputs);
        } catch (RuntimeException e) {
            guard.failed("start", e);
        }
    }

    @Override
    public void sample(int output, double stamp, double[] values) {
        if (guard.off()) {
            return;
        }
        try {
            delegate.sample(output, stamp, values);
        } catch (RuntimeException e) {
            guard.failed("a sample of output " + output, e);
        }
    }

    @Override
    public void marker(int output, double stamp, String text) {
        if (guard.off()) {
            return;
        }
        try {
            delegate.marker(output, stamp, text);
        } catch (RuntimeException e) {
            guard.failed("a marker of output " + output, e);
        }
    }

    @Override
    public void end() {
        try {
            delegate.end();
        } catch (RuntimeException e) {
            guard.failed("end", e);
        }
    }
}
