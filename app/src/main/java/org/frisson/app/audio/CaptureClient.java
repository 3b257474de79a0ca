package org.frisson.app.audio;

import org.frisson.lsl.Lsl;
import org.jaudiolibs.audioservers.AudioClient;
import org.jaudiolibs.audioservers.AudioConfiguration;
import org.jaudiolibs.jnajack.JackClient;

import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The audio server's client for capture: on each callback, reads the LSL clock, numbers the block in the
 * count of delivered frames (with what the device says it skipped: {@link FrameCounter}), copies the input
 * buffers into a {@link CaptureRing} and
 * wakes the publisher. Nothing else happens on the audio thread, and nothing there allocates: the bytes
 * this method allocates are measured (after {@link #WARM_UP} callbacks) and reported.
 */
public final class CaptureClient implements AudioClient {

    /** Callbacks before allocation is counted (class loading and compilation happen in the first ones). */
    public static final int WARM_UP = 200;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Function<AudioConfiguration, CaptureRing> ringFactory;
    private final CountDownLatch configured = new CountDownLatch(1);
    private final CountDownLatch firstCallback = new CountDownLatch(1);
    private volatile AudioConfiguration configuration;
    private volatile CaptureRing ring;
    private volatile FrameCounter frames;
    private long delivered;
    private volatile Thread consumer;
    private volatile boolean stopped;
    private volatile boolean shutDown;
    private volatile long callbacks;
    private volatile long allocatedBytes;
    private final boolean measureAllocation;

    /** @param ringFactory makes the ring once the server said its rate, channels and buffer size */
    public CaptureClient(Function<AudioConfiguration, CaptureRing> ringFactory) {
        this.ringFactory = ringFactory;
        this.measureAllocation = THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    @Override
    public void configure(AudioConfiguration context) {
        JackClient jack = context.find(JackClient.class);
        this.frames = jack != null ? new JackFrameCounter(jack) : FrameCounter.silent();
        this.ring = ringFactory.apply(context);
        this.configuration = context;
        configured.countDown();
    }

    @Override
    public boolean process(long time, List<FloatBuffer> inputs, List<FloatBuffer> outputs, int nframes) {
        long n = callbacks;
        boolean measure = measureAllocation && n >= WARM_UP;
        long before = measure ? THREADS.getCurrentThreadAllocatedBytes() : 0;
        double now = Lsl.localClock();
        if (stopped) {
            return false;
        }
        long claim = frames.skippedBefore(nframes);
        ring.write(inputs, nframes, delivered, claim, now);
        delivered += nframes;
        for (int i = 0; i < outputs.size(); i++) {
            FloatBuffer out = outputs.get(i);
            for (int k = 0; k < nframes; k++) {
                out.put(k, 0f);
            }
        }
        callbacks = n + 1;
        if (n == 0) {
            firstCallback.countDown();
        }
        Thread t = consumer;
        if (t != null) {
            LockSupport.unpark(t);
        }
        if (measure) {
            allocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - before;
        }
        return true;
    }

    @Override
    public void shutdown() {
        shutDown = true;
        configured.countDown();
        firstCallback.countDown();
        Thread t = consumer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** The thread to wake after each block (the publisher). */
    public void wake(Thread publisher) {
        this.consumer = publisher;
    }

    /** Asks the server to stop calling (the next callback returns false). */
    public void stop() {
        stopped = true;
    }

    /** Waits for the server's configuration; null on timeout or when the server ended first. */
    public AudioConfiguration awaitConfiguration(double seconds) throws InterruptedException {
        configured.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        return configuration;
    }

    /** Waits for the first callback; false on timeout or when the server ended first. */
    public boolean awaitFirstCallback(double seconds) throws InterruptedException {
        return firstCallback.await((long) (seconds * 1000), TimeUnit.MILLISECONDS) && !shutDown;
    }

    /** The ring, once configured. */
    public CaptureRing ring() {
        return ring;
    }

    /** Callbacks so far. */
    public long callbacks() {
        return callbacks;
    }

    /** Bytes allocated inside {@link #process} after the warm-up; -1 when the JVM cannot measure it. */
    public long allocatedBytes() {
        return measureAllocation ? allocatedBytes : -1;
    }

    /** Whether the server has shut this client down. */
    public boolean isShutDown() {
        return shutDown;
    }
}
