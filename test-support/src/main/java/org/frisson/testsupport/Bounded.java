package org.frisson.testsupport;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one try of a fuzz test on a thread of its own, bounded: it must finish within a deadline (a guard against
 * endless loops, far above what any try takes, never a speed test) and allocate at most a given number of bytes
 * (the JVM's per-thread allocation counter), so an input can make the code under test neither hang nor take
 * unbounded memory. What the try throws is the test's failure, with {@code what} (the input) named.
 */
public final class Bounded {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bounded-try");
        t.setDaemon(true);
        return t;
    });
    private static final AtomicLong MOST = new AtomicLong();

    private Bounded() {
    }

    /**
     * The value {@code body} returns, computed on the runner thread within {@code seconds} and {@code maxBytes}.
     *
     * @throws AssertionError naming {@code what} when it throws, takes longer or allocates more
     */
    public static <T> T run(String what, long seconds, long maxBytes, Callable<T> body) {
        Future<T> f = RUNNER.submit(() -> {
            long me = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(me);
            T value;
            try {
                value = body.call();
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable e) {
                throw new AssertionError(what + ": threw " + e, e);
            }
            long allocated = THREADS.getThreadAllocatedBytes(me) - before;
            MOST.accumulateAndGet(allocated, Math::max);
            if (allocated > maxBytes) {
                throw new AssertionError(what + ": allocated " + allocated + " bytes, over the bound of " + maxBytes);
            }
            return value;
        });
        try {
            return f.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(what + ": did not finish within " + seconds + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted", e);
        }
    }

    /** The most one try allocated so far in this JVM, in bytes (printed after a run to show how far the bound is). */
    public static long mostAllocated() {
        return MOST.get();
    }

    /** Whether {@code text} is one line: no line break of any kind. */
    public static boolean oneLine(String text) {
        return text != null && text.chars().noneMatch(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028
                || c == 0x2029);
    }
}
