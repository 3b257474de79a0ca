package org.frisson.app.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Channel;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import org.frisson.stage.InputRef;
import org.frisson.stage.MarkerSlot;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Params;
import org.frisson.stage.Stage;
import org.frisson.stage.StageConfigException;
import org.frisson.stage.Provenance;
import org.frisson.stage.StageContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import com.lmax.disruptor.TimeoutException;
import java.util.function.Consumer;

/**
 * A running pipeline, assembled from a {@link PipelineConfig}: one reader thread per input stream
 * publishing into a multi-producer Disruptor ring, one {@link Aligner} consuming it (frames, stages,
 * outputs, health), and a ticker so that time passing is seen even when every stream is silent.
 */
public final class Pipeline implements AutoCloseable {

    /** How often the ticker wakes the aligner. */
    static final long TICK_MILLIS = 20;
    /** Marker and other irregular streams keep this many recent samples. */
    static final int IRREGULAR_HISTORY = 4096;
    /** Values per event for string streams. */
    static final int TEXT_VALUES = 64;

    private final PipelineConfig config;
    private final Consumer<String> log;
    private final List<Inlet> inlets = new ArrayList<>();
    private final List<StreamInfo> infos = new ArrayList<>();
    private final List<StreamHealth> health = new ArrayList<>();
    private final List<InletReader> readers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, OutputLink> outputs = new LinkedHashMap<>();
    private final Map<String, MarkerLink> markerOutputs = new LinkedHashMap<>();
    /** Configured stages by name, in config order. */
    private final Map<String, Stage> stages = new LinkedHashMap<>();
    private final PipelineMetrics metrics;
    private HealthLink healthLink;
    private final ProvenanceMap provenance = new ProvenanceMap();
    private Disruptor<ChunkEvent> disruptor;
    private Aligner aligner;
    private volatile boolean ticking = true;

    private final Taps taps;
    /** Offline: the recording's streams per role, fed by {@link #feed}; null when live. */
    private final Map<String, List<StreamInfo>> offlineInputs;
    private final ChunkEvent offlineEvent;
    private double dataClock = Double.NEGATIVE_INFINITY;

    private Pipeline(PipelineConfig config, MeterRegistry registry, Consumer<String> log, Taps taps,
                     Map<String, List<StreamInfo>> offlineInputs) {
        this.config = config;
        this.taps = taps;
        this.offlineInputs = offlineInputs;
        this.offlineEvent = offlineInputs == null ? null
                : new ChunkEvent(config.settings().chunkValues(), TEXT_VALUES);
        this.log = log;
        this.metrics = new PipelineMetrics(registry);
    }

    /** Who else sees the data: input chunk listeners (own threads) and output listeners (aligner thread). */
    public record Taps(List<ChunkListener> chunks, List<OutputListener> outputs) {
        public static final Taps NONE = new Taps(List.of(), List.of());

        /** These listeners and {@code other}'s. */
        public Taps and(Taps other) {
            List<ChunkListener> c = new ArrayList<>(chunks);
            c.addAll(other.chunks);
            List<OutputListener> o = new ArrayList<>(outputs);
            o.addAll(other.outputs);
            return new Taps(List.copyOf(c), List.copyOf(o));
        }
    }

    /** Starts a pipeline with no listeners. */
    public static Pipeline start(PipelineConfig config, MeterRegistry registry, Consumer<String> log) {
        return start(config, registry, log, Taps.NONE);
    }

    /**
     * Resolves the inputs, configures the stages, opens the outputs and starts processing.
     *
     * @throws PipelineConfig.ConfigException when the config, a stage or a stream does not fit
     * @throws org.frisson.lsl.LslException   when a required input cannot be found
     */
    public static Pipeline start(PipelineConfig config, MeterRegistry registry, Consumer<String> log, Taps taps) {
        Pipeline p = new Pipeline(config, registry, log, taps, null);
        try {
            p.assemble();
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /**
     * The same pipeline over a recording, driven by {@link #feed} as fast as it goes: no LSL, no threads.
     * Inputs are given per role (streams from the recording with the stamps the live pipeline used); the
     * clock is the data's own; outputs go to the listeners only (their latency channel is NaN).
     */
    public static Pipeline offline(PipelineConfig config, Map<String, List<StreamInfo>> inputsByRole,
                                   List<OutputListener> outputs, Consumer<String> log) {
        Pipeline p = new Pipeline(config, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), log,
                new Taps(List.of(), outputs), inputsByRole);
        try {
            p.assemble();
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /**
     * Offline: hands the aligner one chunk of input {@code stream} (stamps on the local clock, values
     * channel-interleaved, or texts). Chunks must come in stamp order across all streams.
     */
    public void feed(int stream, int samples, double[] stamps, double[] values, String[] texts) {
        ChunkEvent e = offlineEvent;
        e.stream = stream;
        e.samples = samples;
        System.arraycopy(stamps, 0, e.stamps, 0, samples);
        int channels = infos.get(stream).channelCount();
        if (texts != null) {
            System.arraycopy(texts, 0, e.texts, 0, samples * channels);
        } else {
            System.arraycopy(values, 0, e.values, 0, samples * channels);
        }
        dataClock = Math.max(dataClock, stamps[samples - 1]);
        e.arrival = dataClock;
        aligner.onEvent(e, 0, true);
    }

    /** Offline: emits the frames up to the last data, then tells the output listeners the run is over. */
    public void finish() {
        double end = dataClock;
        double maxTimeout = 0;
        for (PipelineConfig.Input in : config.inputs()) {
            maxTimeout = Math.max(maxTimeout, in.timeout());
        }
        aligner.limitFrames(end);
        dataClock = end + maxTimeout + config.settings().hop() + 1.0;
        offlineEvent.stream = ChunkEvent.TICK;
        offlineEvent.samples = 0;
        aligner.onEvent(offlineEvent, 0, true);
        aligner.onShutdown();
    }

    /** Offline: input streams in pipeline order. */
    public List<StreamInfo> inputs() {
        return List.copyOf(infos);
    }

    private void assemble() {
        PipelineConfig.Settings s = config.settings();
        // 1. inputs
        Map<String, List<Integer>> roles = new LinkedHashMap<>();
        List<PipelineConfig.Input> inputOf = new ArrayList<>();
        for (PipelineConfig.Input in : config.inputs()) {
            List<Integer> idx = new ArrayList<>();
            if (offlineInputs == null) {
                for (StreamInfo info : resolve(in, s.resolveSeconds())) {
                    idx.add(infos.size());
                    openInput(in, info);
                    inputOf.add(in);
                }
            } else {
                for (StreamInfo info : offlineInputs.getOrDefault(in.role(), List.of())) {
                    idx.add(infos.size());
                    infos.add(info);
                    health.add(new StreamHealth(info.name(), in.role(), info.nominalRate(), info.channelCount()));
                    inputOf.add(in);
                }
            }
            roles.put(in.role(), idx);
        }
        // 2. stages declare inputs (with windows), parameters and outputs
        Map<String, java.util.function.Supplier<Stage>> kinds = stageKinds();
        List<double[]> windowsPerStream = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            windowsPerStream.add(new double[]{0});
        }
        List<double[]> viewSpecs = new ArrayList<>(); // {stream, seconds}
        List<Aligner.StageRun> runs = new ArrayList<>();
        for (PipelineConfig.StageEntry entry : config.stages()) {
            var factory = kinds.get(entry.kind());
            String where = config.file() + ": stage '" + entry.name() + "'";
            if (factory == null) {
                throw new PipelineConfig.ConfigException(where + ": unknown kind '" + entry.kind()
                        + "' (known: " + String.join(", ", new java.util.TreeSet<>(kinds.keySet())) + ")");
            }
            Stage stage = factory.get();
            Params params = new Params(where, entry.params());
            Context ctx = new Context(entry.name(), params, roles, windowsPerStream, viewSpecs);
            try {
                stage.configure(ctx);
                stages.put(entry.name(), stage);
            } catch (StageConfigException e) {
                stage.close();
                throw new PipelineConfig.ConfigException(e.getMessage().startsWith(where) ? e.getMessage()
                        : where + ": " + e.getMessage());
            }
            if (!params.unread().isEmpty()) {
                throw new PipelineConfig.ConfigException(where + ": unknown key(s) " + params.unread());
            }
            runs.add(new Aligner.StageRun(entry.name(), stage, metrics.stageTime(entry.name()), new long[1]));
        }
        for (Provenance p : provenance.flagged()) {
            log.accept("frisson: NOTE " + p.line());
        }
        // 3. buffers and views
        List<Aligner.Input> states = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            StreamInfo info = infos.get(i);
            PipelineConfig.Input in = inputOf.get(i);
            boolean text = info.format() == ChannelFormat.STRING;
            int capacity = info.isIrregular() ? IRREGULAR_HISTORY
                    : (int) Math.ceil((windowsPerStream.get(i)[0] + in.timeout() + s.hop() + 2.0) * info.nominalRate())
                    + s.chunkValues();
            StreamBuffer buffer = new StreamBuffer(info.channelCount(), capacity, text);
            StreamHealth h = health.get(i);
            metrics.streamGauges(h);
            states.add(new Aligner.Input(buffer, h, in.required() && !info.isIrregular(), in.timeout(),
                    info.nominalRate(), metrics.samplesIn(h)));
        }
        List<WindowView> views = new ArrayList<>();
        for (double[] v : viewSpecs) {
            int stream = (int) v[0];
            views.add(new WindowView(stream, v[1], states.get(stream).buffer));
        }
        // 4. outputs
        List<OutputLink> used = new ArrayList<>();
        for (OutputLink o : outputs.values()) {
            if (o.isUsed()) {
                o.open(1.0 / s.hop(), offlineInputs == null, provenance.of(o.key()));
                used.add(o);
            }
        }
        PipelineConfig.Output h = config.outputs().get("health");
        if (h != null && offlineInputs == null) {
            healthLink = new HealthLink(h, health, s.healthPeriod(), provenance.all());
        }
        List<StreamInfo> outputInfos = new ArrayList<>();
        used.forEach(o -> outputInfos.add(o.info()));
        if (healthLink != null) {
            outputInfos.add(healthLink.info());
        }
        OutputListener[] listeners = taps.outputs().toArray(new OutputListener[0]);
        for (Map.Entry<String, MarkerLink> e : markerOutputs.entrySet()) {
            MarkerLink m = e.getValue();
            m.open(offlineInputs == null, provenance.of(e.getKey()));
            m.listeners(listeners, outputInfos.size());
            outputInfos.add(m.info());
        }
        for (OutputListener l : taps.outputs()) {
            l.start(List.copyOf(outputInfos));
        }
        if (offlineInputs != null) {
            aligner = new Aligner(states, views, runs, used, null, taps.outputs(), metrics, s.hop(),
                    s.healthPeriod(), () -> dataClock, log);
            return;
        }
        // 5. the ring
        disruptor = new Disruptor<>(() -> new ChunkEvent(s.chunkValues(), TEXT_VALUES), s.ringSize(),
                r -> {
                    Thread t = new Thread(r, "frisson-aligner");
                    t.setDaemon(true);
                    // with -XX:ThreadPriorityPolicy=1 (root) the OS schedules it ahead of the I/O threads
                    t.setPriority(Thread.MAX_PRIORITY);
                    return t;
                }, ProducerType.MULTI, new BlockingWaitStrategy());
        aligner = new Aligner(states, views, runs, used, healthLink, taps.outputs(), metrics, s.hop(),
                s.healthPeriod(), Lsl::localClock, log);
        List<com.lmax.disruptor.EventHandler<ChunkEvent>> consumers = new ArrayList<>();
        consumers.add(aligner);
        for (ChunkListener l : taps.chunks()) {
            consumers.add(new ChunkListenerHandler(l, List.copyOf(infos)));
        }
        @SuppressWarnings("unchecked")
        com.lmax.disruptor.EventHandler<ChunkEvent>[] all = consumers.toArray(new com.lmax.disruptor.EventHandler[0]);
        disruptor.handleEventsWith(all);
        RingBuffer<ChunkEvent> ring = disruptor.start();
        metrics.gauge("frisson.ring.free", ring::remainingCapacity, "free slots in the ring buffer");
        // 6. readers and ticker
        for (int i = 0; i < inlets.size(); i++) {
            readers.add(new InletReader(i, inlets.get(i), ring, s.chunkValues(), TEXT_VALUES, health.get(i),
                    Math.max(2.0, inputOf.get(i).timeout()), log));
        }
        // subscribe every input and take its first clock offset in parallel (each takes some hundred ms),
        // so that all of them deliver from the first frame on
        List<Thread> preparing = new ArrayList<>();
        for (InletReader r : readers) {
            preparing.add(startThread(r::prepare, "frisson-prepare"));
        }
        for (Thread t : preparing) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i < readers.size(); i++) {
            threads.add(startThread(readers.get(i), "frisson-inlet-" + infos.get(i).name()));
        }
        threads.add(startThread(() -> tick(ring), "frisson-ticker"));
    }

    private List<StreamInfo> resolve(PipelineConfig.Input in, double seconds) {
        String where = config.file() + ": inputs." + in.role();
        if (!in.multiple()) {
            var found = Resolver.first(in.query(), seconds);
            if (found.isEmpty()) {
                if (in.required()) {
                    throw new org.frisson.lsl.LslException(where + ": no stream matches \"" + in.query()
                            + "\" within " + seconds + " s");
                }
                log.accept("input '" + in.role() + "': no stream matches \"" + in.query() + "\"; running without it");
                return List.of();
            }
            return List.of(found.get());
        }
        // one resolve that returns as soon as the expected number answered (restarting it loses answers)
        List<StreamInfo> found = Resolver.byPredicate(in.query(), Math.max(1, in.expect()),
                in.expect() > 0 ? seconds : Math.min(seconds, 2.0));
        if (in.expect() > 0 && found.size() < in.expect()) {
            throw new org.frisson.lsl.LslException(where + ": expected " + in.expect() + " streams matching \""
                    + in.query() + "\", found " + found.size() + " within " + seconds + " s");
        }
        // the same stream can answer twice during discovery; keep one, in a stable order (name, source_id)
        Map<String, StreamInfo> unique = new TreeMap<>();
        for (StreamInfo f : found) {
            if (unique.putIfAbsent(f.name() + "\u0000" + f.sourceId() + "\u0000" + f.uid(), f) != null) {
                f.close();
            }
        }
        return new ArrayList<>(unique.values());
    }

    private void openInput(PipelineConfig.Input in, StreamInfo resolved) {
        Inlet inlet = Inlet.open(resolved, Inlet.options().expect(in.channels() > 0 ? in.channels() : -1, null));
        resolved.close();
        inlets.add(inlet);
        StreamInfo full = inlet.info();
        infos.add(full);
        health.add(new StreamHealth(full.name(), in.role(), full.nominalRate(), full.channelCount()));
        log.accept(String.format("input '%s': %s (%s, %d ch, %s, %s) from %s", in.role(), full.name(), full.type(),
                full.channelCount(), full.format(), full.isIrregular() ? "irregular" : full.nominalRate() + " Hz",
                full.hostname()));
    }

    private static Map<String, java.util.function.Supplier<Stage>> stageKinds() {
        Map<String, java.util.function.Supplier<Stage>> kinds = new TreeMap<>();
        for (ServiceLoader.Provider<Stage> p : ServiceLoader.load(Stage.class).stream().toList()) {
            kinds.put(p.get().kind(), p::get);
        }
        return kinds;
    }

    private static Thread startThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void tick(RingBuffer<ChunkEvent> ring) {
        while (ticking) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long seq = ring.next();
            try {
                ChunkEvent e = ring.get(seq);
                e.stream = ChunkEvent.TICK;
                e.samples = 0;
                e.arrival = Lsl.localClock();
            } finally {
                ring.publish(seq);
            }
        }
    }

    /** Runs a {@link ChunkListener} as its own consumer of the ring. */
    private record ChunkListenerHandler(ChunkListener listener, List<StreamInfo> inputs)
            implements com.lmax.disruptor.EventHandler<ChunkEvent> {
        @Override
        public void onStart() {
            listener.start(inputs);
        }

        @Override
        public void onEvent(ChunkEvent e, long sequence, boolean endOfBatch) {
            if (e.stream >= 0 && e.samples > 0) {
                listener.chunk(e.stream, e.samples, e.stamps, e.values, e.texts, e.offset);
            }
        }

        @Override
        public void onShutdown() {
            listener.end();
        }
    }

    /** What stages see while configuring. */
    private final class Context implements StageContext {
        private final String name;
        private final Params params;
        private final Map<String, List<Integer>> roles;
        private final List<double[]> windowsPerStream;
        private final List<double[]> viewSpecs;

        Context(String name, Params params, Map<String, List<Integer>> roles, List<double[]> windowsPerStream,
                List<double[]> viewSpecs) {
            this.name = name;
            this.params = params;
            this.roles = roles;
            this.windowsPerStream = windowsPerStream;
            this.viewSpecs = viewSpecs;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Params params() {
            return params;
        }

        @Override
        public double hopSeconds() {
            return config.settings().hop();
        }

        @Override
        public boolean live() {
            return offlineInputs == null;
        }

        @Override
        public <T> T upstream(String stage, Class<T> type) {
            Stage s = stages.get(stage);
            if (s == null) {
                throw new StageConfigException(params.where() + ": reads stage '" + stage + "', which is not a stage "
                        + "earlier in the config (earlier: " + stages.keySet() + ")");
            }
            if (!type.isInstance(s)) {
                throw new StageConfigException(params.where() + ": reads stage '" + stage + "' (kind " + s.kind()
                        + "), which gives no " + type.getSimpleName());
            }
            provenance.reads(name, stage);
            return type.cast(s);
        }

        @Override
        public InputRef input(String role, double windowSeconds) {
            List<InputRef> refs = inputs(role, windowSeconds);
            if (refs.size() != 1) {
                throw new StageConfigException(params.where() + ": needs exactly one stream for input '" + role
                        + "', " + (roles.containsKey(role) ? "found " + refs.size()
                        : "but inputs: has no '" + role + "' (roles: " + roles.keySet() + ")"));
            }
            return refs.get(0);
        }

        @Override
        public List<InputRef> inputs(String role, double windowSeconds) {
            if (!(windowSeconds > 0)) {
                throw new StageConfigException(params.where() + ": window for '" + role + "' must be > 0 s");
            }
            List<InputRef> refs = new ArrayList<>();
            for (int stream : roles.getOrDefault(role, List.of())) {
                StreamInfo info = infos.get(stream);
                double[] w = windowsPerStream.get(stream);
                w[0] = Math.max(w[0], windowSeconds);
                viewSpecs.add(new double[]{stream, windowSeconds});
                List<String> units = new ArrayList<>();
                List<Channel> chans = info.channels();
                for (int c = 0; c < info.channelCount(); c++) {
                    units.add(c < chans.size() ? chans.get(c).unit() : "");
                }
                refs.add(new InputRef(viewSpecs.size() - 1, role, info.name(), info.nominalRate(),
                        info.channelLabels(), units, info.format() == ChannelFormat.STRING));
            }
            return refs;
        }

        @Override
        public OutputSlot output(String output, List<String> labels, String unit) {
            PipelineConfig.Output spec = config.outputs().get(output);
            if (spec == null) {
                throw new StageConfigException(params.where() + ": writes output '" + output
                        + "', which outputs: does not declare (declared: " + config.outputs().keySet() + ")");
            }
            if (markerOutputs.containsKey(output)) {
                throw new StageConfigException(params.where() + ": writes numbers on output '" + output
                        + "', which carries markers");
            }
            OutputLink link = outputs.computeIfAbsent(output, k -> new OutputLink(output, spec));
            provenance.writes(name, output);
            OutputSlot slot = new OutputSlot(output, labels.size());
            link.declare(slot, labels, unit);
            return slot;
        }

        @Override
        public void provenance(Provenance p) {
            if (!p.stage().equals(name)) {
                throw new IllegalArgumentException(params.where() + ": provenance given for stage '" + p.stage() + "'");
            }
            provenance.add(p);
        }

        @Override
        public MarkerSlot markers(String output) {
            PipelineConfig.Output spec = config.outputs().get(output);
            if (spec == null) {
                throw new StageConfigException(params.where() + ": emits markers on output '" + output
                        + "', which outputs: does not declare (declared: " + config.outputs().keySet() + ")");
            }
            if (outputs.containsKey(output) || output.equals("health")) {
                throw new StageConfigException(params.where() + ": emits markers on output '" + output
                        + "', which carries numbers");
            }
            provenance.writes(name, output);
            MarkerSlot slot = new MarkerSlot(output);
            slot.bind(markerOutputs.computeIfAbsent(output, k -> new MarkerLink(spec)));
            return slot;
        }
    }

    // --- what the outside sees

    /** Health of every input stream, in input order. */
    public List<StreamHealth> health() {
        return List.copyOf(health);
    }

    public long frames() {
        return aligner == null ? 0 : aligner.framesEmitted();
    }

    /** End-to-end latency percentile in seconds (from the Micrometer histogram), NaN before any frame. */
    public double latencyPercentile(double p) {
        for (var v : metrics.latency.takeSnapshot().percentileValues()) {
            if (Math.abs(v.percentile() - p) < 1e-9) {
                return v.value(TimeUnit.SECONDS);
            }
        }
        return Double.NaN;
    }

    /** Output stream names and their channel labels (latency excluded; a marker stream has one, {@code marker}). */
    public Map<String, List<String>> outputChannels() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        outputs.values().stream().filter(OutputLink::isUsed).forEach(o -> out.put(o.name(), List.copyOf(o.labels())));
        markerOutputs.values().forEach(m -> out.put(m.name(), List.of(MarkerLink.LABEL)));
        return out;
    }

    public MeterRegistry registry() {
        return metrics.registry;
    }

    /** Stops reading, processes what is in the ring, closes outlets and inlets. No thread outlives it. */
    @Override
    public void close() {
        readers.forEach(InletReader::stop);
        ticking = false;
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (disruptor != null) {
            try {
                disruptor.shutdown(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                disruptor.halt();
            }
        }
        for (Map.Entry<String, Stage> e : stages.entrySet()) {
            try {
                e.getValue().close();
            } catch (RuntimeException ex) {
                log.accept("stage '" + e.getKey() + "' failed to close: " + ex);
            }
        }
        outputs.values().forEach(OutputLink::close);
        markerOutputs.values().forEach(MarkerLink::close);
        if (healthLink != null) {
            healthLink.close();
        }
        inlets.forEach(Inlet::close); // each closes its stream info too
        if (offlineInputs != null) {
            infos.forEach(StreamInfo::close);
        }
    }

    /** A timer for tests and status: the stage timers by name. */
    Map<String, Timer> stageTimers() {
        Map<String, Timer> m = new LinkedHashMap<>();
        metrics.registry.find("frisson.stage.time").timers().forEach(t -> m.put(t.getId().getTag("stage"), t));
        return m;
    }
}
