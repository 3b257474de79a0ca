package org.frisson.pipeline;

/**
 * One slot of the ring: a chunk of samples from one input stream, or a clock tick. Preallocated once
 * and reused; producers copy into it, the aligner copies out of it.
 */
final class ChunkEvent {

    /** A tick carries no samples; it lets the aligner act on time passing (timeouts, health). */
    static final int TICK = -1;
    /** Values per event for string streams. */
    static final int TEXT_VALUES = 64;

    int stream = TICK;
    int samples;
    final double[] values;
    final double[] stamps;
    final String[] texts;
    /** Local clock when the chunk was pulled (or the tick taken). */
    double arrival;
    /** Clock correction added to the source's stamps (raw stamp = stamp - offset). */
    double offset;

    ChunkEvent(int valueCapacity, int textCapacity) {
        this.values = new double[valueCapacity];
        this.stamps = new double[valueCapacity];
        this.texts = new String[textCapacity];
    }
}
