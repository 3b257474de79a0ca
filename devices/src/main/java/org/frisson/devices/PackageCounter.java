package org.frisson.devices;

/**
 * Counts packages a board dropped from the gaps in its package counter (BrainFlow's package-number row).
 * Counters wrap (most boards at 256); the wrap is taken as 256, or one past the largest value seen when a
 * board counts higher. A repeated number counts as a repeat, not a gap. Allocation-free.
 */
public final class PackageCounter {

    public static final int DEFAULT_WRAP = 256;

    private boolean started;
    private long previous;
    private long wrap = DEFAULT_WRAP;
    private long dropped;
    private long repeats;
    private long gaps;
    private long seen;

    /** Feeds the next package number; returns the packages missing just before it. */
    public long next(double value) {
        long p = Math.round(value);
        seen++;
        if (p >= wrap) {
            wrap = p + 1;
        }
        if (!started) {
            started = true;
            previous = p;
            return 0;
        }
        long missing;
        if (p == previous) {
            repeats++;
            missing = 0;
        } else {
            missing = Math.floorMod(p - previous - 1, wrap);
        }
        previous = p;
        if (missing > 0) {
            dropped += missing;
            gaps++;
        }
        return missing;
    }

    /**
     * A new session of the same board: its first package number starts a new count, not a gap. Totals are kept;
     * packages lost while the board was away are not counted here (no number was seen for them).
     */
    public void restart() {
        started = false;
    }

    /** Packages missing in all. */
    public long dropped() {
        return dropped;
    }

    /** Places where packages went missing. */
    public long gaps() {
        return gaps;
    }

    public long repeats() {
        return repeats;
    }

    /** Package numbers fed. */
    public long seen() {
        return seen;
    }

    /** The wrap in use. */
    public long wrap() {
        return wrap;
    }
}
