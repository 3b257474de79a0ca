package org.frisson.models;

/**
 * Runs an {@link Embedder} on a thread of its own, so that a caller on a hot path hands it patches without
 * waiting for the network. The newest patch wins: one submitted while the model is busy waits, and a later
 * one replaces it (the replaced one is counted in {@link #skipped()}). Results are taken whole, never half
 * written. Every buffer is allocated here; submitting and taking allocate nothing.
 */
public final class EmbedderThread implements AutoCloseable {

    private final Embedder embedder;
    private final Thread thread;
    private final Object lock = new Object();

    // inbox, guarded by lock
    private final float[] pending;
    private double pendingStamp;
    private boolean hasPending;
    private boolean closed;
    private long skipped;

    // the worker's own
    private final float[] patch;
    private final float[][] work;

    // outbox, guarded by lock
    private final float[][] done;
    private double doneStamp = Double.NaN;
    private long completed;
    private long failures;
    private RuntimeException lastFailure;

    public EmbedderThread(Embedder embedder, String name) {
        this.embedder = embedder;
        int values = embedder.spec().patchValues();
        this.pending = new float[values];
        this.patch = new float[values];
        int n = embedder.outputs().size();
        this.work = new float[n][];
        this.done = new float[n][];
        for (int i = 0; i < n; i++) {
            work[i] = new float[embedder.outputSize(i)];
            done[i] = new float[embedder.outputSize(i)];
        }
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    public Embedder embedder() {
        return embedder;
    }

    /**
     * Hands over a patch (copied) with the stamp its result will carry.
     *
     * @return false when it replaced a patch that had not started yet
     */
    public boolean submit(float[] values, double stamp) {
        synchronized (lock) {
            boolean replaced = hasPending;
            System.arraycopy(values, 0, pending, 0, pending.length);
            pendingStamp = stamp;
            hasPending = true;
            if (replaced) {
                skipped++;
            }
            lock.notifyAll();
            return !replaced;
        }
    }

    /** Results finished so far. */
    public long completed() {
        synchronized (lock) {
            return completed;
        }
    }

    /** Patches replaced by a newer one before the model got to them. */
    public long skipped() {
        synchronized (lock) {
            return skipped;
        }
    }

    /** Patches the model failed on (the newest failure is in {@link #lastFailure()}). */
    public long failures() {
        synchronized (lock) {
            return failures;
        }
    }

    public RuntimeException lastFailure() {
        synchronized (lock) {
            return lastFailure;
        }
    }

    /**
     * Copies the newest result into {@code into} (one array per output, as {@link Embedder#embed}) and
     * returns its stamp; NaN (and nothing copied) before the first.
     */
    public double takeLatest(float[][] into) {
        synchronized (lock) {
            if (completed == 0) {
                return Double.NaN;
            }
            for (int i = 0; i < done.length; i++) {
                System.arraycopy(done[i], 0, into[i], 0, done[i].length);
            }
            return doneStamp;
        }
    }

    private void loop() {
        while (true) {
            double stamp;
            synchronized (lock) {
                while (!hasPending && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                System.arraycopy(pending, 0, patch, 0, patch.length);
                stamp = pendingStamp;
                hasPending = false;
            }
            try {
                embedder.embed(patch, work);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    failures++;
                    lastFailure = e;
                }
                continue;
            }
            synchronized (lock) {
                for (int i = 0; i < work.length; i++) {
                    System.arraycopy(work[i], 0, done[i], 0, work[i].length);
                }
                doneStamp = stamp;
                completed++;
            }
        }
    }

    /** Stops the thread (a patch in the model is finished first) and closes the embedder. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        embedder.close();
    }
}
