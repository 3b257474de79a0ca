package org.frisson.app.audio;

import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;

/**
 * JACK's frame clock: frames delivered are counted, and when JACK's frame time (read at each cycle)
 * advanced by more than one and a half blocks, the difference was skipped (an xrun): it is added to the
 * count, so the frames after an overrun keep their place on the clock and the stream shows a gap.
 *
 * <p>JACK's frame time itself is not used as the count: it is filtered against the system clock, so it
 * would hide the very drift the capture measures; only its jumps are trusted.
 */
public final class JackFrameCounter implements FrameCounter {

    private static final long MASK = 0xffffffffL;

    private final JackClient client;
    private long next;
    private long lastFrameTime = -1;
    private int lastFrames;
    private long skipped;

    public JackFrameCounter(JackClient client) {
        this.client = client;
    }

    @Override
    public long firstFrameOf(int frames) {
        long now = frameTime();
        if (now >= 0 && lastFrameTime >= 0 && frames > 0) {
            long extra = ((now - lastFrameTime) & MASK) - lastFrames;
            if (2 * extra > lastFrames) {
                next += extra;
                skipped += extra;
            }
        }
        lastFrameTime = now;
        lastFrames = frames;
        long first = next;
        next += frames;
        return first;
    }

    private long frameTime() {
        try {
            return client.getLastFrameTime() & MASK;
        } catch (JackException e) {
            return -1;
        }
    }

    @Override
    public long skippedFrames() {
        return skipped;
    }
}
