package org.frisson.pipeline;

import com.lmax.disruptor.RingBuffer;
import org.frisson.lsl.Lsl;

/**
 * Publishes a tick into the ring every {@link #TICK_MILLIS} on its own thread, so that the aligner sees time
 * passing (timeouts, health) even when every stream is silent.
 */
final class Ticker implements Runnable {

    /** How often the ticker wakes the aligner. */
    static final long TICK_MILLIS = 20;

    private final RingBuffer<ChunkEvent> ring;
    private volatile boolean running = true;

    Ticker(RingBuffer<ChunkEvent> ring) {
        this.ring = ring;
    }

    @Override
    public void run() {
        while (running) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long seq = ring.next();
            try {
                ChunkEvent e = ring.get(seq);
                e.stream = ChunkEvent.TICK;
                e.samples = 0;
                e.arrival = Lsl.localClock();
            } finally {
                ring.publish(seq);
            }
        }
    }

    /** The ticker returns within one tick. */
    void stop() {
        running = false;
    }
}
