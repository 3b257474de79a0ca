package org.frisson.pipeline;

import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An offline pipeline's input: a recording's streams, bound per role as the caller matched them, handed
 * to the aligner chunk by chunk on the caller's thread ({@link #feed}, then {@link #finish}) as fast as it
 * goes: no ring, no threads, no LSL. The clock is the data's own (the newest stamp fed); there is no wall
 * clock, so outputs carry no latency.
 */
final class RecordingSource implements InputSource {

    private final Map<String, List<StreamInfo>> byRole;
    private final ChunkEvent event;
    private final List<StreamInfo> infos = new ArrayList<>();
    private double maxTimeout;
    private double hop;
    private Aligner aligner;
    private double dataClock = Double.NEGATIVE_INFINITY;

    /** {@code byRole}: the streams of each input role, owned by this source from now on. */
    RecordingSource(Map<String, List<StreamInfo>> byRole, int chunkValues) {
        this.byRole = byRole;
        this.event = new ChunkEvent(chunkValues, ChunkEvent.TEXT_VALUES);
    }

    @Override
    public List<Bound> bind(PipelineConfig config) {
        List<Bound> bound = new ArrayList<>();
        for (PipelineConfig.Input in : config.inputs()) {
            maxTimeout = Math.max(maxTimeout, in.timeout());
            for (StreamInfo info : byRole.getOrDefault(in.role(), List.of())) {
                String unfit = StreamFit.unfit(config, in, info);
                if (unfit == null) {
                    unfit = StreamFit.unreadable(config, in, info);
                }
                if (unfit != null) {
                    throw new PipelineConfig.ConfigException(unfit);
                }
                bound.add(new Bound(in, info));
                infos.add(info);
            }
        }
        hop = config.settings().hop();
        return bound;
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public double now() {
        return dataClock;
    }

    @Override
    public double wallClock() {
        return Double.NaN;
    }

    /** Keeps the aligner to feed; a recording's chunks are its own, so there are no chunk listeners to run. */
    @Override
    public void start(Aligner aligner, List<StreamHealth> health, List<ChunkListener> chunks) {
        this.aligner = aligner;
    }

    /**
     * Hands the aligner one chunk of input {@code stream} (stamps on the local clock, values
     * channel-interleaved, or texts). Chunks must come in stamp order across all streams.
     */
    void feed(int stream, int samples, double[] stamps, double[] values, String[] texts) {
        ChunkEvent e = event;
        int channels = infos.get(stream).channelCount();
        // as many samples at a time as one chunk of the ring holds, as a live pipeline takes them
        int most = Math.max(1, (texts != null ? e.texts.length : e.values.length) / channels);
        for (int first = 0; first < samples; first += most) {
            int n = Math.min(most, samples - first);
            e.stream = stream;
            e.samples = n;
            System.arraycopy(stamps, first, e.stamps, 0, n);
            if (texts != null) {
                System.arraycopy(texts, first * channels, e.texts, 0, n * channels);
            } else {
                System.arraycopy(values, first * channels, e.values, 0, n * channels);
            }
            dataClock = Math.max(dataClock, stamps[first + n - 1]);
            e.arrival = dataClock;
            aligner.onEvent(e, 0, true);
        }
    }

    /**
     * Emits the frames up to the last data: the clock moves past every timeout so that no frame waits, but no
     * frame lies after the data. Then the output listeners hear that the run is over.
     */
    void finish() {
        double end = dataClock;
        aligner.limitFrames(end);
        dataClock = end + maxTimeout + hop + 1.0;
        event.stream = ChunkEvent.TICK;
        event.samples = 0;
        aligner.onEvent(event, 0, true);
        aligner.onShutdown();
    }

    /** Closes the recording's stream descriptions. */
    @Override
    public void close() {
        infos.forEach(StreamInfo::close);
    }
}
