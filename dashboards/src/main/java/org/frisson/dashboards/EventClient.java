package org.frisson.dashboards;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One page's server-sent-event connection. At most one write is in flight: while the page has not taken
 * the previous frame, {@link #offer} refuses the next one (the caller drops and counts it) instead of
 * queueing, so a slow or stalled page costs nothing but its own frames.
 */
final class EventClient {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final Response response;
    private final Callback done;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The broadcaster's bookkeeping (its thread only): the epoch whose meta this page has, and whether it needs a full frame. */
    int epoch = -1;
    boolean needsFull = true;
    /** The version of the pending ratings this page was last sent (the broadcaster's thread only). */
    long ratingsVersion = -1;

    EventClient(Response response, Callback done) {
        this.response = response;
        this.done = done;
    }

    /** Starts writing {@code event} unless a write is still in flight; false if refused or closed. */
    boolean offer(byte[] event) {
        if (closed.get() || !writing.compareAndSet(false, true)) {
            return false;
        }
        try {
            response.write(false, ByteBuffer.wrap(event), Callback.from(() -> writing.set(false), this::fail));
        } catch (RuntimeException e) {
            fail(e);
            return false;
        }
        return true;
    }

    boolean closed() {
        return closed.get();
    }

    private void fail(Throwable why) {
        if (closed.compareAndSet(false, true)) {
            done.failed(why);
        }
    }

    /** Ends the response (cleanly when no write is in flight). */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (writing.get()) {
            done.failed(new java.io.EOFException("dashboard closing"));
        } else {
            response.write(true, NOTHING, done);
        }
    }
}
