package org.frisson.hall;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.InletMonitor;
import org.frisson.lsl.LslException;
import org.frisson.lsl.StreamEvent;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Pulls one inlet on its own thread and publishes its chunks, numbered, with the stamps as sent and as mapped
 * onto this machine's clock by LSL time correction ({@link InletMonitor}). Pulls go into arrays it keeps.
 */
final class StreamPump implements Runnable {

    private static final double PULL_TIMEOUT_SECONDS = 0.1;
    private static final int MAX_CHUNK_VALUES = 16_384;
    private static final double LOST_AFTER_SECONDS = 5.0;

    private final Inlet inlet;
    private final EdgePublisher publisher;
    private final String edgeId;
    private final String participant;
    private final String sourceId;
    private final Consumer<String> log;
    private final InletMonitor monitor;
    private final int channels;
    private final ChannelFormat format;
    private final double[] values;
    private final String[] texts;
    private final double[] stamps;
    private final double[] sourceStamps;
    private long sequence;
    private volatile boolean running = true;

    StreamPump(Inlet inlet, EdgePublisher publisher, String edgeId, String participant, String sourceId, Consumer<String> log) {
        this.inlet = inlet;
        this.publisher = publisher;
        this.edgeId = edgeId;
        this.participant = participant;
        this.sourceId = sourceId;
        this.log = log;
        this.channels = inlet.channelCount();
        this.format = inlet.format();
        int maxSamples = Math.max(1, MAX_CHUNK_VALUES / channels);
        boolean text = format == ChannelFormat.STRING;
        this.values = text ? null : new double[maxSamples * channels];
        this.texts = text ? new String[maxSamples * channels] : null;
        this.stamps = new double[maxSamples];
        this.sourceStamps = new double[maxSamples];
        this.monitor = new InletMonitor(inlet, LOST_AFTER_SECONDS, this::onEvent);
    }

    /** Subscribes and takes the first clock offset, so that the first chunk has one. */
    void prepare() {
        inlet.openStream(5.0);
        monitor.warmUp();
    }

    @Override
    public void run() {
        try {
            while (running) {
                int n;
                try {
                    n = texts != null ? inlet.pullAvailable(texts, stamps, PULL_TIMEOUT_SECONDS)
                            : inlet.pullAvailable(values, stamps, PULL_TIMEOUT_SECONDS);
                } catch (LslException e) {
                    log.accept("stream " + sourceId + ": " + e.getMessage());
                    pause();
                    continue;
                }
                System.arraycopy(stamps, 0, sourceStamps, 0, n);
                monitor.afterPull(n, stamps);
                if (n > 0) {
                    publisher.publish(chunk(n));
                }
            }
        } finally {
            inlet.close();
        }
    }

    private Chunk chunk(int n) {
        int count = n * channels;
        SampleValues v;
        if (texts != null) {
            v = new SampleValues.Texts(Arrays.copyOf(texts, count));
        } else if (format == ChannelFormat.FLOAT32) {
            float[] f = new float[count];
            for (int i = 0; i < count; i++) {
                f[i] = (float) values[i];
            }
            v = new SampleValues.Floats(f);
        } else {
            v = new SampleValues.Doubles(Arrays.copyOf(values, count));
        }
        return new Chunk(edgeId, participant, sourceId, sequence++, channels, Arrays.copyOf(sourceStamps, n),
                Arrays.copyOf(stamps, n), monitor.offset(), monitor.uncertainty(), v);
    }

    private void onEvent(StreamEvent e) {
        if (e instanceof StreamEvent.Lost l) {
            log.accept(String.format("stream %s: lost (silent for %.1f s)", sourceId, l.silentSeconds()));
        } else if (e instanceof StreamEvent.Recovered r) {
            log.accept(String.format("stream %s: recovered after %.1f s", sourceId, r.downSeconds()));
        } else if (e instanceof StreamEvent.ClockReset) {
            log.accept("stream " + sourceId + ": clock reset");
        }
    }

    private void pause() {
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
