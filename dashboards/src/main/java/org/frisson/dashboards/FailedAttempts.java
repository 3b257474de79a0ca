package org.frisson.dashboards;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Wrong tokens per client address: after {@code limit} of them within {@code window} from one address, that
 * address is blocked until the window that began with its first failure has passed. Bounded: past
 * {@value #MAX_ADDRESSES} addresses with failures in their window, further addresses share one count.
 */
final class FailedAttempts {

    static final int MAX_ADDRESSES = 4096;
    private static final String OVERFLOW = "(many addresses)";

    private record Window(long start, int failures) {
    }

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** {@code nanoClock}: a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}. */
    FailedAttempts(int limit, long windowNanos, LongSupplier nanoClock) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
    }

    /** Nanoseconds until {@code address} may try again; 0 when it may now. */
    long blockedFor(String address) {
        Window w = windows.get(key(address));
        if (w == null || w.failures() < limit) {
            return 0;
        }
        long left = w.start() + windowNanos - nanoClock.getAsLong();
        return Math.max(0, left);
    }

    /** Counts a wrong token from {@code address}. */
    void failed(String address) {
        long now = nanoClock.getAsLong();
        if (windows.size() >= MAX_ADDRESSES && !windows.containsKey(address)) {
            windows.values().removeIf(w -> now - w.start() >= windowNanos);
        }
        windows.compute(key(address), (k, w) -> w == null || now - w.start() >= windowNanos
                ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    }

    private String key(String address) {
        return windows.containsKey(address) || windows.size() < MAX_ADDRESSES ? address : OVERFLOW;
    }
}
