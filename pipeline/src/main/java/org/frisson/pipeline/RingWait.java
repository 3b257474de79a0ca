package org.frisson.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.Locale;

/**
 * How the ring's consumers (the aligner, the chunk listeners) wait for the next chunk: the config's
 * {@code pipeline.wait}. The choice trades CPU held while idle against the time to wake up on a chunk.
 */
public enum RingWait {

    /** A lock and a condition: no CPU while idle, woken by the producer (the default). */
    BLOCKING,
    /** Spins, then yields, then sleeps briefly: little CPU while idle, no lock on the producers' side. */
    SLEEPING,
    /** Spins, then yields: wakes sooner, holds one core per consumer while idle. */
    YIELDING,
    /** Spins only: wakes soonest, holds one core per consumer at all times. */
    BUSY_SPIN;

    /** As written in the config: {@code blocking}, {@code sleeping}, {@code yielding}, {@code busy_spin}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The one named {@code configName}, or null when none is. */
    static RingWait named(String configName) {
        for (RingWait w : values()) {
            if (w.configName().equals(configName)) {
                return w;
            }
        }
        return null;
    }

    /** A new strategy of this kind, for one ring. */
    WaitStrategy strategy() {
        return switch (this) {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}
