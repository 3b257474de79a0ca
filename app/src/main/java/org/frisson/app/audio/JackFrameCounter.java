package org.frisson.app.audio;

import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;

/**
 * JACK's word on skipped cycles: when its frame time (read at each cycle) advanced by more than one and a
 * half blocks, the difference is claimed as skipped (an xrun). JACK's frame time is filtered against the
 * system clock and, on a driver that catches up after a stall, jumps without frames being lost; so the
 * claim is checked against the callback's time before it is believed.
 */
public final class JackFrameCounter implements FrameCounter {

    private static final long MASK = 0xffffffffL;

    private final JackClient client;
    private long lastFrameTime = -1;
    private int lastFrames;

    public JackFrameCounter(JackClient client) {
        this.client = client;
    }

    @Override
    public long skippedBefore(int frames) {
        long now = frameTime();
        long claim = 0;
        if (now >= 0 && lastFrameTime >= 0 && lastFrames > 0) {
            long extra = ((now - lastFrameTime) & MASK) - lastFrames;
            if (2 * extra > lastFrames) {
                claim = extra;
            }
        }
        lastFrameTime = now;
        lastFrames = frames;
        return claim;
    }

    private long frameTime() {
        try {
            return client.getLastFrameTime() & MASK;
        } catch (JackException e) {
            return -1;
        }
    }
}
