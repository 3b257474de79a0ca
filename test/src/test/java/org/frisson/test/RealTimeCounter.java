package org.frisson.test;

import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Pushes a float32 counter on an outlet in real time, on a daemon thread: sample n has n on channel 0 and the
 * stamp {@code start + n / rate}, pushed {@code chunk} samples at a time, as long as {@code pushing} says so.
 */
final class RealTimeCounter {

    private RealTimeCounter() {
    }

    /** Starts pushing; the returned count of samples pushed so far grows as it goes. */
    static AtomicLong start(Outlet out, int channels, double rate, int chunk, BooleanSupplier pushing) {
        AtomicLong pushed = new AtomicLong();
        Thread t = new Thread(() -> {
            float[] v = new float[channels * chunk];
            double[] ts = new double[chunk];
            double start = Lsl.localClock();
            while (pushing.getAsBoolean()) {
                long n = pushed.get();
                for (int i = 0; i < chunk; i++) {
                    v[channels * i] = n + i;
                    ts[i] = start + (n + i) / rate;
                }
                out.push(v, chunk, ts);
                pushed.addAndGet(chunk);
                long sleep = (long) ((start + pushed.get() / rate - Lsl.localClock()) * 1000);
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "counter");
        t.setDaemon(true);
        t.start();
        return pushed;
    }
}
