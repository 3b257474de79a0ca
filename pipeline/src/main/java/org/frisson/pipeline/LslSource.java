package org.frisson.pipeline;

import org.frisson.lsl.Inlet;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A live pipeline's input: the config's streams resolved on the network, each inlet pulled on its own
 * thread ({@link InletReader}) and published into the {@link Ring}, with a {@link Ticker} beside them; every
 * clock is the local LSL clock. No thread outlives {@link #close}.
 */
final class LslSource implements InputSource {

    /** How long the readers together may take to subscribe and take their first clock offset. */
    private static final long PREPARE_MILLIS = 10_000;
    /** How long {@link #close} waits for each reader thread and the ticker. */
    private static final long JOIN_MILLIS = 2_000;

    private final PipelineConfig.Settings settings;
    private final PipelineMetrics metrics;
    private final Consumer<String> log;
    private final InletResolver resolver;
    private final List<Inlet> inlets = new ArrayList<>();
    private final List<Bound> bound = new ArrayList<>();
    private final List<InletReader> readers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Ticker ticker;
    private Ring ring;

    LslSource(PipelineConfig config, PipelineMetrics metrics, Consumer<String> log) {
        this.settings = config.settings();
        this.metrics = metrics;
        this.log = log;
        this.resolver = new InletResolver(config, log);
    }

    @Override
    public List<Bound> bind(PipelineConfig config) {
        for (PipelineConfig.Input in : config.inputs()) {
            for (Inlet inlet : resolver.open(in)) {
                inlets.add(inlet);
                bound.add(new Bound(in, inlet.info()));
            }
        }
        return List.copyOf(bound);
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public double now() {
        return Lsl.localClock();
    }

    @Override
    public double wallClock() {
        return Lsl.localClock();
    }

    /**
     * Starts the ring with its consumers, subscribes every inlet and takes its first clock offset in parallel
     * (each takes some hundred ms, so that all of them deliver from the first frame on), then starts the
     * readers and the ticker.
     */
    @Override
    public void start(Aligner aligner, List<StreamHealth> health, List<ChunkListener> chunks) {
        List<StreamInfo> infos = bound.stream().map(Bound::info).toList();
        ring = Ring.start(settings, aligner, chunks, infos, metrics, log);
        Set<String> uids = new HashSet<>();
        infos.forEach(info -> uids.add(info.uid()));
        for (int i = 0; i < inlets.size(); i++) {
            PipelineConfig.Input in = bound.get(i).input();
            readers.add(new InletReader(i, inlets.get(i), in.query(), Set.copyOf(uids), ring.buffer(),
                    settings.chunkValues(), ChunkEvent.TEXT_VALUES, health.get(i), Math.max(2.0, in.timeout()), log));
        }
        List<Thread> preparing = new ArrayList<>();
        for (InletReader r : readers) {
            preparing.add(startThread(r::prepare, "frisson-prepare"));
        }
        for (Thread t : preparing) {
            try {
                t.join(PREPARE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i < readers.size(); i++) {
            threads.add(startThread(readers.get(i), "frisson-inlet-" + infos.get(i).name()));
        }
        ticker = new Ticker(ring.buffer());
        threads.add(startThread(ticker, "frisson-ticker"));
    }

    private static Thread startThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Stops the readers and the ticker, lets the ring drain, closes the inlets (and their descriptions). */
    @Override
    public void close() {
        readers.forEach(InletReader::stop);
        if (ticker != null) {
            ticker.stop();
        }
        for (Thread t : threads) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ring != null) {
            ring.close();
        }
        inlets.forEach(Inlet::close);
    }
}
