package org.frisson.models;

/**
 * Runs an {@link Embedder} on a thread of its own, so that a caller on a hot path hands it patches without
 * waiting for the network. Patches wait in a queue of {@code backlog} and are embedded in order, and results wait
 * in a queue of the same size until {@link #takeNext} takes them, oldest first: a model that falls behind for a
 * moment catches up later and computes every patch, so its results are the ones an offline run computes, only
 * later. Only when {@code backlog} patches already wait (the CPU cannot keep up) is the oldest waiting one dropped
 * for the new one, and counted in {@link #skipped()}; likewise a result nobody took. Every buffer is allocated
 * here; submitting and taking allocate nothing.
 */
public final class EmbedderThread implements AutoCloseable {

    private final Embedder embedder;
    private final Thread thread;
    private final Object lock = new Object();
    private final int backlog;

    // inbox, guarded by lock: a ring of patches waiting for the model
    private final float[][] inbox;
    private final double[] inboxStamps;
    private int inboxHead;
    private int inboxCount;
    private boolean closed;
    private long skipped;

    // the worker's own
    private final float[] patch;
    private final float[][] work;

    // outbox, guarded by lock: a ring of results waiting to be taken
    private final float[][][] outbox;
    private final double[] outboxStamps;
    private int outboxHead;
    private int outboxCount;
    private long completed;
    private long failures;
    private RuntimeException lastFailure;

    /** @param backlog patches (and results) that may wait; at least 1 */
    public EmbedderThread(Embedder embedder, String name, int backlog) {
        if (backlog < 1) {
            throw new IllegalArgumentException("an embedder's backlog must hold at least one patch, got " + backlog);
        }
        this.embedder = embedder;
        this.backlog = backlog;
        int values = embedder.spec().patchValues();
        this.inbox = new float[backlog][values];
        this.inboxStamps = new double[backlog];
        this.patch = new float[values];
        int n = embedder.outputs().size();
        this.work = new float[n][];
        this.outbox = new float[backlog][n][];
        this.outboxStamps = new double[backlog];
        for (int i = 0; i < n; i++) {
            work[i] = new float[embedder.outputSize(i)];
            for (int k = 0; k < backlog; k++) {
                outbox[k][i] = new float[embedder.outputSize(i)];
            }
        }
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    public Embedder embedder() {
        return embedder;
    }

    /**
     * Queues a patch (copied) with the stamp its result will carry.
     *
     * @return false when the queue was full and its oldest patch was dropped for this one
     */
    public boolean submit(float[] values, double stamp) {
        synchronized (lock) {
            boolean full = inboxCount == backlog;
            if (full) { // the oldest waiting patch gives way
                inboxHead = (inboxHead + 1) % backlog;
                inboxCount--;
                skipped++;
            }
            int slot = (inboxHead + inboxCount) % backlog;
            System.arraycopy(values, 0, inbox[slot], 0, inbox[slot].length);
            inboxStamps[slot] = stamp;
            inboxCount++;
            lock.notifyAll();
            return !full;
        }
    }

    /** Results finished so far. */
    public long completed() {
        synchronized (lock) {
            return completed;
        }
    }

    /** Results finished and not yet taken. */
    public int ready() {
        synchronized (lock) {
            return outboxCount;
        }
    }

    /** Patches dropped because the queue was full (the model could not keep up), and results nobody took. */
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
     * Takes the oldest finished result into {@code into} (one array per output, as {@link Embedder#embed}) and
     * returns its stamp; NaN (and nothing copied) when none waits.
     */
    public double takeNext(float[][] into) {
        synchronized (lock) {
            if (outboxCount == 0) {
                return Double.NaN;
            }
            float[][] r = outbox[outboxHead];
            for (int i = 0; i < r.length; i++) {
                System.arraycopy(r[i], 0, into[i], 0, r[i].length);
            }
            double stamp = outboxStamps[outboxHead];
            outboxHead = (outboxHead + 1) % backlog;
            outboxCount--;
            return stamp;
        }
    }

    private void loop() {
        while (true) {
            double stamp;
            synchronized (lock) {
                while (inboxCount == 0 && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                System.arraycopy(inbox[inboxHead], 0, patch, 0, patch.length);
                stamp = inboxStamps[inboxHead];
                inboxHead = (inboxHead + 1) % backlog;
                inboxCount--;
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
                if (outboxCount == backlog) { // nobody took the oldest result: it gives way
                    outboxHead = (outboxHead + 1) % backlog;
                    outboxCount--;
                    skipped++;
                }
                int slot = (outboxHead + outboxCount) % backlog;
                for (int i = 0; i < work.length; i++) {
                    System.arraycopy(work[i], 0, outbox[slot][i], 0, work[i].length);
                }
                outboxStamps[slot] = stamp;
                outboxCount++;
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
