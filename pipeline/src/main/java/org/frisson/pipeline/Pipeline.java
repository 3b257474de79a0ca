package org.frisson.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.frisson.lsl.Channel;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.LslLibrary;
import org.frisson.lsl.StreamInfo;
import org.frisson.stage.InputRef;
import org.frisson.stage.LatestResult;
import org.frisson.stage.MarkerSlot;
import org.frisson.stage.OutputChannel;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Params;
import org.frisson.stage.Provenance;
import org.frisson.stage.Stage;
import org.frisson.stage.StageConfigException;
import org.frisson.stage.StageContext;
import org.frisson.stage.StageMeters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running pipeline, assembled from a {@link PipelineConfig} in four parts: its {@linkplain InputSource
 * source} (LSL inlets read on their own threads into a Disruptor ring, or a recording fed by the caller), its
 * stage graph (the configured stages in config order, with the windows they read), its {@linkplain
 * OutputLayout output layout} (every output numbered once, for every sink), and the {@link Aligner} between
 * them (frames, stages, outputs, health).
 */
public final class Pipeline implements AutoCloseable {

    /** Marker and other irregular streams keep this many recent samples. */
    static final int IRREGULAR_HISTORY = 4096;
    /** The config key of the health output. */
    static final String HEALTH = "health";

    private final PipelineConfig config;
    private final Consumer<String> log;
    private final PipelineMetrics metrics;
    private final Taps taps;
    private final InputSource source;
    /** Input streams in pipeline order, and their health. */
    private final List<StreamInfo> infos = new ArrayList<>();
    private final List<StreamHealth> health = new ArrayList<>();
    /** Configured stages by name, in config order. */
    private final Map<String, Stage> stages = new LinkedHashMap<>();
    /** The results stages published, by stage name. */
    private final Map<String, LatestResult> results = new LinkedHashMap<>();
    private final ProvenanceMap provenance = new ProvenanceMap();
    private final OutputLayout layout = new OutputLayout();
    private final LslOutlets outlets = new LslOutlets();
    private Aligner aligner;
    private volatile List<Aligner.StageRun> stageRuns = List.of();
    private final List<GuardedChunkListener> guardedChunks = new ArrayList<>();
    private final List<GuardedOutputListener> guardedOutputs = new ArrayList<>();

    private Pipeline(PipelineConfig config, PipelineMetrics metrics, Consumer<String> log, Taps taps,
                     InputSource source) {
        this.config = config;
        this.log = log;
        this.metrics = metrics;
        this.taps = guarded(taps);
        this.source = source;
    }

    /** Every listener behind a guard: one that throws is switched off, the session goes on. */
    private Taps guarded(Taps given) {
        for (ChunkListener l : given.chunks()) {
            guardedChunks.add(new GuardedChunkListener(l, metrics.listenerFailures("input", ListenerNames.of(l)), log));
        }
        for (OutputListener l : given.outputs()) {
            guardedOutputs.add(new GuardedOutputListener(l, metrics.listenerFailures("output", ListenerNames.of(l)), log));
        }
        return new Taps(List.copyOf(guardedChunks), List.copyOf(guardedOutputs), given.probes());
    }

    /**
     * Who else sees the data, and what else reports health: input chunk listeners (own threads), output listeners
     * (aligner thread), health probes (read on the aligner thread each health period).
     */
    public record Taps(List<ChunkListener> chunks, List<OutputListener> outputs, List<HealthProbe> probes) {
        public static final Taps NONE = new Taps(List.of(), List.of());

        public Taps(List<ChunkListener> chunks, List<OutputListener> outputs) {
            this(chunks, outputs, List.of());
        }

        /** Health from outside the pipeline, published on its health output (live pipelines). */
        public static Taps health(List<? extends HealthProbe> probes) {
            return new Taps(List.of(), List.of(), List.copyOf(probes));
        }

        /** These listeners and probes, and {@code other}'s. */
        public Taps and(Taps other) {
            List<ChunkListener> c = new ArrayList<>(chunks);
            c.addAll(other.chunks);
            List<OutputListener> o = new ArrayList<>(outputs);
            o.addAll(other.outputs);
            List<HealthProbe> h = new ArrayList<>(probes);
            h.addAll(other.probes);
            return new Taps(List.copyOf(c), List.copyOf(o), List.copyOf(h));
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
        PipelineMetrics metrics = new PipelineMetrics(registry);
        return assembled(new Pipeline(config, metrics, log, taps, new LslSource(config, metrics, log)));
    }

    /**
     * The same pipeline over a recording, driven by {@link #feed} as fast as it goes: no LSL, no threads.
     * Inputs are given per role (streams from the recording with the stamps the live pipeline used); the
     * clock is the data's own; outputs go to the listeners only (their latency channel is NaN).
     */
    public static Pipeline offline(PipelineConfig config, Map<String, List<StreamInfo>> inputsByRole,
                                   List<OutputListener> outputs, Consumer<String> log) {
        return assembled(new Pipeline(config, new PipelineMetrics(new SimpleMeterRegistry()), log,
                new Taps(List.of(), outputs), new RecordingSource(inputsByRole, config.settings().chunkValues())));
    }

    private static Pipeline assembled(Pipeline p) {
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
        recording().feed(stream, samples, stamps, values, texts);
    }

    /** Offline: emits the frames up to the last data, then tells the output listeners the run is over. */
    public void finish() {
        recording().finish();
    }

    private RecordingSource recording() {
        if (source instanceof RecordingSource r) {
            return r;
        }
        throw new IllegalStateException("a live pipeline reads its inputs from LSL; only an offline one is fed");
    }

    /** Input streams in pipeline order. */
    public List<StreamInfo> inputs() {
        return List.copyOf(infos);
    }

    /**
     * Checks the stage entries against their declarations, binds the inputs, configures the stages, lays out the
     * outputs, then lets the source drive the aligner.
     */
    private void assemble() {
        StageCatalog catalog = StageCatalog.installed();
        catalog.validate(config);
        bindInputs();
        StageGraph graph = configureStages(catalog);
        stageRuns = graph.runs();
        List<Aligner.Input> inputs = histories(graph.windowPerStream());
        List<WindowView> views = windowViews(graph.views(), inputs);
        OutputListener sinks = layOutOutputs(graph.runs());
        PipelineConfig.Settings s = config.settings();
        aligner = new Aligner(inputs, views, graph.runs(), layout, sinks, metrics, s.hop(), s.healthPeriod(),
                source::now, source::wallClock, log);
        source.start(aligner, List.copyOf(health), taps.chunks());
    }

    /** The input streams, in pipeline order, each with its health. */
    private void bindInputs() {
        config.requireQueries();
        for (InputSource.Bound b : source.bind(config)) {
            infos.add(b.info());
            health.add(new StreamHealth(b.info().name(), b.input().role(), b.info().nominalRate(),
                    b.info().channelCount()));
        }
    }

    /**
     * The configured stages: each stage's run (config order), the longest window read on each input stream,
     * and each window a stage asked for as {stream, seconds}, numbered as its {@link InputRef}.
     */
    private record StageGraph(List<Aligner.StageRun> runs, List<double[]> windowPerStream, List<double[]> views) {
    }

    /** Makes each stage of its kind and configures it against the inputs and the outputs. */
    private StageGraph configureStages(StageCatalog catalog) {
        Map<String, List<Integer>> roles = new LinkedHashMap<>();
        for (PipelineConfig.Input in : config.inputs()) {
            roles.put(in.role(), new ArrayList<>());
        }
        List<double[]> windowsPerStream = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            roles.get(health.get(i).role).add(i);
            windowsPerStream.add(new double[]{0});
        }
        List<double[]> viewSpecs = new ArrayList<>();
        List<Aligner.StageRun> runs = new ArrayList<>();
        for (PipelineConfig.StageEntry entry : config.stages()) {
            String where = StageCatalog.where(config, entry);
            Stage stage = catalog.create(entry.kind());
            Params params = new Params(where, entry.params(), stage.parameters());
            Context ctx = new Context(entry.name(), entry.kind(), params, roles, windowsPerStream, viewSpecs);
            try {
                stage.configure(ctx);
                stages.put(entry.name(), stage);
            } catch (StageConfigException e) {
                stage.close();
                throw new PipelineConfig.ConfigException(e.getMessage().startsWith(where) ? e.getMessage()
                        : where + ": " + e.getMessage());
            }
            runs.add(new Aligner.StageRun(entry.name(), stage, metrics.stageTime(entry.name()), ctx.slots,
                    metrics.stageFailures(entry.name())));
        }
        for (Provenance p : provenance.flagged()) {
            log.accept("frisson: NOTE " + p.line());
        }
        return new StageGraph(List.copyOf(runs), windowsPerStream, viewSpecs);
    }

    /**
     * Each input stream's history, long enough for its longest window, its timeout, one hop and the chunk
     * that may arrive meanwhile (irregular streams: {@link #IRREGULAR_HISTORY} samples), with its gauges.
     */
    private List<Aligner.Input> histories(List<double[]> windowPerStream) {
        List<Aligner.Input> inputs = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            StreamInfo info = infos.get(i);
            PipelineConfig.Input in = config.input(health.get(i).role);
            long capacity = StreamFit.history(config, in, info, windowPerStream.get(i)[0]);
            String tooLong = StreamFit.tooLong(StreamFit.where(config, in, info), info, capacity);
            if (tooLong != null) {
                throw new PipelineConfig.ConfigException(tooLong + " (with the longest window a stage reads, "
                        + windowPerStream.get(i)[0] + " s)");
            }
            StreamBuffer buffer = new StreamBuffer(info.channelCount(), (int) capacity,
                    info.format() == ChannelFormat.STRING);
            StreamHealth h = health.get(i);
            metrics.streamGauges(h);
            inputs.add(new Aligner.Input(buffer, h, in.required() && !info.isIrregular(), in.timeout(),
                    info.nominalRate(), metrics.samplesIn(h)));
        }
        return inputs;
    }

    /** The windows stages read, numbered as their {@link InputRef}s, each over its stream's history. */
    private static List<WindowView> windowViews(List<double[]> specs, List<Aligner.Input> inputs) {
        List<WindowView> views = new ArrayList<>();
        for (double[] v : specs) {
            int stream = (int) v[0];
            views.add(new WindowView(stream, v[1], inputs.get(stream).buffer));
        }
        return views;
    }

    /**
     * Numbers and describes every output, then starts its sinks with the descriptions: the LSL outlets first
     * when live (health included), then the taps. Returns every sink as one listener.
     */
    private OutputListener layOutOutputs(List<Aligner.StageRun> runs) {
        PipelineConfig.Output healthSpec = config.outputs().get(HEALTH);
        List<OutputListener> sinks = new ArrayList<>();
        HealthOutput healthOutput = null;
        if (source.live()) {
            sinks.add(outlets);
            if (healthSpec != null) {
                healthOutput = new HealthOutput(healthSpec, health, runs, taps.probes(), config.settings().healthPeriod());
            }
        }
        sinks.addAll(taps.outputs());
        OutputListener all = new OutputListeners(sinks);
        layout.layOut(1.0 / config.settings().hop(), healthOutput, all, provenance);
        all.start(layout.streams());
        return all;
    }

    /** What stages see while configuring. */
    private final class Context implements StageContext {
        private final String name;
        private final String kind;
        private final Params params;
        private final Map<String, List<Integer>> roles;
        private final List<double[]> windowsPerStream;
        private final List<double[]> viewSpecs;
        /** The output slots this stage asked for, cleared when it fails. */
        final List<OutputSlot> slots = new ArrayList<>();
        private System.Logger logger;
        private StageMeters meters;

        Context(String name, String kind, Params params, Map<String, List<Integer>> roles,
                List<double[]> windowsPerStream, List<double[]> viewSpecs) {
            this.name = name;
            this.kind = kind;
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
            return source.live();
        }

        @Override
        public System.Logger log() {
            if (logger == null) {
                logger = new StageLogger(name, log);
            }
            return logger;
        }

        @Override
        public Path home() {
            return LslLibrary.frissonHome();
        }

        @Override
        public StageMeters meters() {
            if (meters == null) {
                meters = new StageMeters(metrics.registry, name);
            }
            return meters;
        }

        @Override
        public void publish(LatestResult result) {
            if (results.putIfAbsent(name, java.util.Objects.requireNonNull(result, "result")) != null) {
                throw new IllegalStateException(params.where() + ": publishes a second result");
            }
        }

        @Override
        public LatestResult upstream(String stage) {
            earlier(stage);
            LatestResult r = results.get(stage);
            if (r == null) {
                throw new StageConfigException(params.where() + ": reads stage '" + stage + "' (kind "
                        + stages.get(stage).kind() + "), which publishes no result");
            }
            provenance.reads(name, stage);
            return r;
        }

        /** The stage called {@code stage}, which must come earlier in the config. */
        private Stage earlier(String stage) {
            Stage s = stages.get(stage);
            if (s == null) {
                throw new StageConfigException(params.where() + ": reads stage '" + stage + "', which is not a stage "
                        + "earlier in the config (earlier: " + stages.keySet() + ")");
            }
            return s;
        }

        @Override
        public <T> T upstream(String stage, Class<T> type) {
            Stage s = earlier(stage);
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
        public OutputSlot output(String output, List<OutputChannel> channels) {
            PipelineConfig.Output spec = config.outputs().get(output);
            if (spec == null) {
                throw new StageConfigException(params.where() + ": writes output '" + output
                        + "', which outputs: does not declare (declared: " + config.outputs().keySet() + ")");
            }
            if (layout.carriesMarkers(output)) {
                throw new StageConfigException(params.where() + ": writes numbers on output '" + output
                        + "', which carries markers");
            }
            provenance.writes(name, output);
            OutputSlot slot = layout.numbers(spec, name, kind, channels);
            slots.add(slot);
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
            if (layout.carriesNumbers(output) || output.equals(HEALTH)) {
                throw new StageConfigException(params.where() + ": emits markers on output '" + output
                        + "', which carries numbers");
            }
            provenance.writes(name, output);
            return layout.markers(spec);
        }
    }

    // --- what the outside sees

    /** Health of every input stream, in input order. */
    public List<StreamHealth> health() {
        return List.copyOf(health);
    }

    /**
     * What has been switched off so far because it threw (stages, then input and output listeners), one line
     * each as the log said it; empty while everything runs. Safe to call from any thread.
     */
    public List<String> switchedOff() {
        List<String> lines = new ArrayList<>();
        for (Aligner.StageRun run : stageRuns) {
            if (run.failure != null) {
                lines.add(run.failure);
            }
        }
        for (GuardedChunkListener l : guardedChunks) {
            if (l.failure() != null) {
                lines.add(l.failure());
            }
        }
        for (GuardedOutputListener l : guardedOutputs) {
            if (l.failure() != null) {
                lines.add(l.failure());
            }
        }
        return lines;
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
        return layout.channels();
    }

    /**
     * Every channel a stage writes on a regular output: the stage's name and kind, the output stream, the
     * channel's label and unit (latency and health excluded), in the order the stages declared them.
     */
    public List<StageChannel> stageChannels() {
        return layout.stageChannels();
    }

    public MeterRegistry registry() {
        return metrics.registry;
    }

    /** Stops reading, processes what is in the ring, closes stages, outlets and inputs. No thread outlives it. */
    @Override
    public void close() {
        source.close();
        for (Map.Entry<String, Stage> e : stages.entrySet()) {
            try {
                e.getValue().close();
            } catch (RuntimeException ex) {
                log.accept("stage '" + e.getKey() + "' failed to close: " + ex);
            }
        }
        outlets.close();
        layout.close();
    }
}
