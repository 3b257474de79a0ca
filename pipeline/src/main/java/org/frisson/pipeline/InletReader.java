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
import java.util.Set;
import java.util.function.Consumer;

/**
 * Pulls one inlet on its own thread and publishes its chunks into the ring, as they arrived (stamps on the
 * local clock), health kept. Nothing is allocated per chunk (string
 * streams excepted). A stream that comes back with another shape or another nominal rate is reported on its
 * health and in the log, and stays missing (liblsl reconnects to a stream of another rate: its samples are
 * refused); a lost stream whose input's query now finds another source is reported the same way. The other
 * streams are not affected.
 */
final class InletReader implements Runnable {

    private static final double PULL_TIMEOUT_SECONDS = 0.1;
    /** While lost, how often to look whether the source came back with another shape. */
    private static final double RESHAPE_CHECK_SECONDS = 2.0;
    /**
     * Longest wait for one look-up of a source on the network; a look-up ends as soon as the source answers. The
     * look-ups between two pulls take at most 1.5 of these, less than {@link LslSource#close} waits for a reader.
     */
    private static final double LOOKUP_SECONDS = 1.0;

    private final int index;
    private final Inlet inlet;
    private final RingBuffer<ChunkEvent> ring;
    private final StreamHealth health;
    private final Consumer<String> log;
    private final InletMonitor monitor;
    /** The input's query, and the uids of every stream the pipeline reads (not "another source"). */
    private final String query;
    private final Set<String> boundUids;
    private final boolean text;
    private final int channels;
    private final double[] values;
    private final double[] stamps;
    private final String[] texts;
    private volatile boolean running = true;
    private double nextReshapeCheck;
    /** liblsl reconnected (a clock reset): look at what it reconnected to before publishing more. */
    private boolean checkSource;
    /** The source came back with another shape or rate: its samples are not published. */
    private volatile boolean refused;

    InletReader(int index, Inlet inlet, String query, Set<String> boundUids, RingBuffer<ChunkEvent> ring,
                int chunkValues, int textValues, StreamHealth health, double lostAfterSeconds, Consumer<String> log) {
        this.index = index;
        this.inlet = inlet;
        this.query = query;
        this.boundUids = boundUids;
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
            if (checkSource) {
                checkSource = false;
                checkReconnectedSource();
            }
            if (n > 0) {
                if (!refused) {
                    publish(n);
                }
            } else if (health.lost && health.error.isEmpty()) {
                double now = org.frisson.lsl.Lsl.localClock();
                if (now >= nextReshapeCheck) {
                    nextReshapeCheck = now + RESHAPE_CHECK_SECONDS;
                    if (!checkForReshapedSource(LOOKUP_SECONDS / 2)) {
                        checkForAnotherSource();
                    }
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
            checkSource |= r.jump() == 0; // liblsl reconnected (stamps going back are the same source)
        } else if (e instanceof StreamEvent.Lost l) {
            health.lost = true;
            health.losses++;
            log.accept(String.format("input '%s': lost (silent for %.1f s)", Printable.of(l.stream()),
                    l.silentSeconds()));
            nextReshapeCheck = 0;
        } else if (e instanceof StreamEvent.Recovered r) {
            health.lost = false;
            if (!refused) {
                health.error = "";
            }
            log.accept(String.format("input '%s': recovered after %.1f s", Printable.of(r.stream()), r.downSeconds()));
        }
    }

    /**
     * Whether the source came back under the same id but with another shape or nominal rate, which this
     * pipeline cannot take (its buffers, windows and stages were laid out for the first); such a source is
     * refused until one of the expected shape and rate is back. Returns whether a source with this id is there.
     */
    private boolean checkForReshapedSource(double seconds) {
        StreamInfo mine = inlet.info();
        if (mine.sourceId().isEmpty()) {
            return false;
        }
        List<StreamInfo> found = Resolver.byProperty("source_id", mine.sourceId(), 1, seconds);
        try {
            boolean fits = false;
            String misfit = null;
            for (StreamInfo s : found) {
                if (s.channelCount() != mine.channelCount() || s.format() != mine.format()) {
                    misfit = String.format("came back with %d channels of %s; this pipeline expects %d channels of %s",
                            s.channelCount(), s.format(), mine.channelCount(), mine.format());
                } else if (s.nominalRate() != mine.nominalRate()) {
                    misfit = String.format("came back at %s Hz; this pipeline expects %s Hz", s.nominalRate(),
                            mine.nominalRate());
                } else {
                    fits = true;
                }
            }
            if (misfit != null && !fits) {
                refused = true;
                report(String.format("stream '%s' (source_id %s) %s: restart the pipeline to accept it",
                        Printable.of(mine.name()), Printable.of(mine.sourceId()), misfit));
            } else if (fits && refused) {
                refused = false;
                health.error = "";
                log.accept("input '" + Printable.of(health.name) + "': the stream is back as this pipeline expects it");
            }
            return !found.isEmpty();
        } finally {
            found.forEach(StreamInfo::close);
        }
    }

    /**
     * liblsl reconnected the inlet, perhaps to a source of another rate (its recovery asks for the same name,
     * type, source id, channel count and format, not the rate): the samples in hand are published only once the
     * source has been looked at. Until it answers a look-up they are held, and liblsl holds what follows.
     */
    private void checkReconnectedSource() {
        if (inlet.info().sourceId().isEmpty()) {
            return;
        }
        boolean said = false;
        while (running && !checkForReshapedSource(LOOKUP_SECONDS)) {
            if (!said) {
                log.accept("input '" + Printable.of(health.name) + "': reconnected; its samples wait until its source answers a "
                        + "look-up");
                said = true;
            }
        }
    }

    /**
     * Whether the input's query now finds a stream the pipeline does not read (the device restarted under a
     * new source id, or another one took its place): liblsl does not reconnect to it, so it is reported.
     */
    private void checkForAnotherSource() {
        StreamInfo mine = inlet.info();
        List<StreamInfo> found = Resolver.byPredicate(query, 1, LOOKUP_SECONDS);
        try {
            for (StreamInfo s : found) {
                boolean sameSource = !mine.sourceId().isEmpty() && s.sourceId().equals(mine.sourceId());
                if (!boundUids.contains(s.uid()) && !sameSource) { // the same source is for the check above
                    report(String.format("stream '%s' (source_id %s) is lost, and the query \"%s\" now finds '%s' "
                                    + "(source_id %s), which this pipeline does not take while it runs: restart the "
                                    + "pipeline to take it", Printable.of(mine.name()), Printable.of(mine.sourceId()),
                            Printable.of(query), Printable.of(s.name()), Printable.of(s.sourceId())));
                    return;
                }
            }
        } finally {
            found.forEach(StreamInfo::close);
        }
    }

    /** The stream's error on its health, and in the log when it is new. */
    private void report(String error) {
        if (!error.equals(health.error)) {
            health.error = error;
            log.accept("input '" + Printable.of(health.name) + "': " + error);
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
