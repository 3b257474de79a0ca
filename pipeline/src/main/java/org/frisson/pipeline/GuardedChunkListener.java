package org.frisson.pipeline;

import io.micrometer.core.instrument.Counter;
import org.frisson.lsl.StreamInfo;

import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link ChunkListener} that cannot stall the ring: the first exception it throws switches it off with
 * one log line naming it, the stream and the exception, and counts a failure. Switched off, it still
 * consumes its events (a consumer that stopped would hold the ring, and so every input, back).
 */
final class GuardedChunkListener implements ChunkListener {

    private final ChunkListener delegate;
    private final ListenerGuard guard;

    GuardedChunkListener(ChunkListener delegate, Counter failures, Consumer<String> log) {
        this.delegate = delegate;
        this.guard = new ListenerGuard("input listener '" + ListenerNames.of(delegate) + "'",
                "the session goes on without it", failures, log);
    }

    /** The line that said why it was switched off; null while it runs. */
    String failure() {
        return guard.failure();
    }

    @Override
    public void start(List<StreamInfo> inputs) {
        try {
            delegate.start(inputs);
        } catch (RuntimeException e) {
            guard.failed("start", e);
        }
    }

    @Override
    public void chunk(int stream, int samples, double[] stamps, double[] values, String[] texts, double clockOffset) {
        if (guard.off()) {
            return;
        }
        try {
            delegate.chunk(stream, samples, stamps, values, texts, clockOffset);
        } catch (RuntimeException e) {
            guard.failed("a chunk of input " + stream, e);
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
