package org.frisson.pipeline;

import com.lmax.disruptor.RingBuffer;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.InletMonitor;
import org.frisson.lsl.LslException;
import org.frisson.lsl.Printable;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamEvent;
import org.frisson.lsl.StreamInfo;

import java.util.List;
import java.util.function.Consumer;

/**
 * Pulls one inlet on its own thread and publishes its chunks into the ring, as they arrived (stamps on the
 * local clock), health kept. Nothing is allocated per chunk (string
 * streams excepted). A stream that comes back with another shape is reported on its health and in the
 * log, and stays missing; the other streams are not affected.
 */
final class InletReader implements Runnable {

    private static final double PULL_TIMEOUT_SECONDS = 0.1;
    /** While lost, how often to look whether the source came back with another shape. */
    private static final double RESHAPE_CHECK_SECONDS = 2.0;

    private final int index;
    private final Inlet inlet;
    private final RingBuffer<ChunkEvent> ring;
    private final StreamHealth health;
    private final Consumer<String> log;
    private final InletMonitor monitor;
    private final boolean text;
    private final int channels;
    private final double[] values;
    private final double[] stamps;
    private final String[] texts;
    private volatile boolean running = true;
    private double nextReshapeCheck;

    InletReader(int index, Inlet inlet, RingBuffer<ChunkEvent> ring, int chunkValues, int textValues,
                StreamHealth health, double lostAfterSeconds, Consumer<String> log) {
        this.index = index;
        this.inlet = inlet;
        this.ring = ring;
        this.health = health;
        this.log = log;
        this.channels = inlet.channelCount();
        this.text = inlet.format() == org.frisson.lsl.ChannelFormat.STRING;
        int maxSamples = Math.max(1, (text ? textValues : chunkValues) / channels);
        this.values = new double[maxSamples * channels];
        this.stamps = new double[maxSamples];
        this.texts = text ? new String[maxSamples * channels] : null;
        this.monitor = new InletMonitor(inlet, lostAfterSeconds, this::onEvent);
    }

    /** Subscribes and takes the first clock-offset estimate; the pipeline does this for all inputs at once. */
    void prepare() {
        try {
            inlet.openStream(5.0);
        } catch (LslException e) {
            log.accept("input '" + Printable.of(health.name) + "': could not open the stream yet (" + e.getMessage()
                    + "); retrying while pulling");
        }
        monitor.warmUp();
    }

    @Override
    public void run() {
        while (running) {
            int n;
            try {
                n = text ? inlet.pullAvailable(texts, stamps, PULL_TIMEOUT_SECONDS)
                        : inlet.pullAvailable(values, stamps, PULL_TIMEOUT_SECONDS);
            } catch (LslException e) {
                health.error = e.getMessage();
                log.accept("input '" + Printable.of(health.name) + "': " + e.getMessage());
                sleepQuietly();
                continue;
            }
            monitor.afterPull(n, stamps);
            health.clockOffset = monitor.offset();
            health.clockUncertainty = monitor.uncertainty();
            if (n > 0) {
                publish(n);
            } else if (health.lost && health.error.isEmpty()) {
                double now = org.frisson.lsl.Lsl.localClock();
                if (now >= nextReshapeCheck) {
                    nextReshapeCheck = now + RESHAPE_CHECK_SECONDS;
                    checkForReshapedSource();
                }
            }
        }
    }

    private void publish(int n) {
        long seq = ring.next();
        try {
            ChunkEvent e = ring.get(seq);
            e.stream = index;
            e.samples = n;
            e.arrival = org.frisson.lsl.Lsl.localClock();
            e.offset = monitor.offset();
            System.arraycopy(stamps, 0, e.stamps, 0, n);
            if (text) {
                System.arraycopy(texts, 0, e.texts, 0, n * channels);
            } else {
                System.arraycopy(values, 0, e.values, 0, n * channels);
            }
        } finally {
            ring.publish(seq);
        }
    }

    private void onEvent(StreamEvent e) {
        if (e instanceof StreamEvent.Gap g) {
            health.gaps++;
            health.missedSamples += g.missed();
            log.accept(String.format("input '%s': gap of %.3f s (~%d samples missed)", Printable.of(g.stream()),
                    g.seconds(), g.missed()));
        } else if (e instanceof StreamEvent.ClockReset r) {
            health.clockResets.incrementAndGet();
            log.accept(String.format("input '%s': clock reset%s", Printable.of(r.stream()),
                    r.jump() != 0 ? String.format(" (stamps jumped %.3f s)", r.jump()) : ""));
        } else if (e instanceof StreamEvent.Lost l) {
            health.lost = true;
            health.losses++;
            log.accept(String.format("input '%s': lost (silent for %.1f s)", Printable.of(l.stream()),
                    l.silentSeconds()));
            nextReshapeCheck = 0;
        } else if (e instanceof StreamEvent.Recovered r) {
            health.lost = false;
            health.error = "";
            log.accept(String.format("input '%s': recovered after %.1f s", Printable.of(r.stream()), r.downSeconds()));
        }
    }

    /** Whether the source came back under the same id but with another shape, which the inlet cannot take. */
    private void checkForReshapedSource() {
        StreamInfo mine = inlet.info();
        if (mine.sourceId().isEmpty()) {
            return;
        }
        List<StreamInfo> found = Resolver.byProperty("source_id", mine.sourceId(), 1, 0.5);
        try {
            for (StreamInfo s : found) {
                if (s.channelCount() != mine.channelCount() || s.format() != mine.format()) {
                    health.error = String.format("stream '%s' (source_id %s) came back with %d channels of %s; "
                                    + "this pipeline expects %d channels of %s: restart the pipeline to accept it",
                            s.name(), s.sourceId(), s.channelCount(), s.format(), mine.channelCount(), mine.format());
                    log.accept("input '" + Printable.of(mine.name()) + "': " + health.error);
                }
            }
        } finally {
            found.forEach(StreamInfo::close);
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        running = false;
    }
}
