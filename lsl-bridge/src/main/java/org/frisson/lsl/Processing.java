package org.frisson.lsl;

import java.util.Set;

/** Inlet post-processing flags ({@code lsl_processing_options_t}). */
public enum Processing {
    /** Add the time correction so stamps are on the local clock. */
    CLOCKSYNC(1),
    /** Smooth stamps with an online linear regression (regular-rate streams). */
    DEJITTER(2),
    /** Force stamps to be non-decreasing. */
    MONOTONIZE(4),
    /** Make post-processing thread-safe (slower). */
    THREADSAFE(8);

    private final int flag;

    Processing(int flag) {
        this.flag = flag;
    }

    public int flag() {
        return flag;
    }

    static int mask(Set<Processing> set) {
        int m = 0;
        for (Processing p : set) {
            m |= p.flag;
        }
        return m;
    }
}
