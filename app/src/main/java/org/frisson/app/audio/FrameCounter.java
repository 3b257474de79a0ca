package org.frisson.app.audio;

/**
 * Where each block a device delivers sits in the device's own frame count: the audio clock. Called once
 * per callback on the audio thread, so implementations do not allocate.
 */
public interface FrameCounter {

    /** The device-count index of the first of the {@code frames} frames this callback delivers. */
    long firstFrameOf(int frames);

    /** Frames the device produced that never reached us (cycles it skipped), as far as it can tell. */
    long skippedFrames();

    /** Counts the frames delivered: the clock of a device that says nothing else (Java Sound). */
    static FrameCounter counting() {
        return new FrameCounter() {
            private long next;

            @Override
            public long firstFrameOf(int frames) {
                long first = next;
                next += frames;
                return first;
            }

            @Override
            public long skippedFrames() {
                return 0;
            }
        };
    }
}
