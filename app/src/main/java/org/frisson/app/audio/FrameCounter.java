package org.frisson.app.audio;

/**
 * What a device says about each block beyond its frames: how many frames it claims to have skipped just
 * before it (an overrun). Called once per callback on the audio thread, so implementations do not allocate.
 * A claim is only a claim: the publisher accepts it when the callback's time agrees (see
 * {@link CapturePublisher}).
 */
public interface FrameCounter {

    /** Frames the device claims it skipped between the previous block and this one of {@code frames}. */
    long skippedBefore(int frames);

    /** A device that says nothing beyond its frames (Java Sound). */
    static FrameCounter silent() {
        return frames -> 0;
    }
}
