package org.frisson.pipeline;

import com.lmax.disruptor.EventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import org.frisson.stage.Frame;
import org.frisson.stage.InputRef;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Stage;
import org.frisson.stage.StreamWindow;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The ring's consumer: files each chunk into its stream's history, then emits every frame that is due.
 *
 * <p>Frames sit on a grid of the local LSL clock, one per hop. Frame {@code t} is emitted once every
 * regular stream has delivered up to {@code t} (its watermark: newest stamp, plus 0.9 of a sample
 * period, since no sample can come before the next period), or once {@code t} is more than the stream's
 * timeout in the past (at most {@link #OPTIONAL_GRACE_SECONDS} for an optional stream); the stream is
 * then marked missing in that frame. Irregular streams (markers) never hold a frame back. Frames
 * never wait forever and silence is never filled with zeros. Stages run in config order on this
 * thread; each regular output gets one sample per frame, written once in place and read by every output
 * listener (LSL outlets, files, recorder, dashboards) in turn. Live, a frame whose stages together take
 * longer than the hop is an overrun: counted ({@code frisson.frames.overrun}), the first one logged with the
 * slowest stage; frames then fall behind their streams, none is skipped.
 */
final class Aligner implements EventHandler<ChunkEvent>, Frame {

    /** Fraction of a sample period by which a regular stream's watermark runs ahead of its newest stamp. */
    static final double WATERMARK_PERIODS = 0.9;
    /**
     * Longest wait for an optional regular stream (a rating slider): long enough that its samples, which
     * arrive with the others, are not missed by a race between reader threads; short enough that a dead
     * slider barely delays frames.
     */
    static final double OPTIONAL_GRACE_SECONDS = 0.1;

    /** Per input stream state. */
    static final class Input {
        final StreamBuffer buffer;
        final StreamHealth health;
        final boolean required;
        final double timeout;
        final double rate;
        final Counter samplesIn;
        double watermark = Double.NaN;
        double lastArrival = Double.NaN;
        boolean missing;
        long countAtHealth;

        Input(StreamBuffer buffer, StreamHealth health, boolean required, double timeout, double rate, Counter samplesIn) {
            this.buffer = buffer;
            this.health = health;
            this.required = required;
            this.timeout = timeout;
            this.rate = rate;
            this.samplesIn = samplesIn;
        }
    }

    /**
     * A configured stage, its timer, the output slots it writes and its failure counter. A stage that
     * throws is switched off: its channels stay NaN from that frame on, and every other stage goes on.
     */
    static final class StageRun {
        final String name;
        final Stage stage;
        final Timer timer;
        final OutputSlot[] slots;
        final Counter failures;
        /** Written and read on the aligner thread; volatile for whoever reports it. */
        volatile boolean off;
        /** The line that said why it was switched off; null while it runs. */
        volatile String failure;

        StageRun(String name, Stage stage, Timer timer, List<OutputSlot> slots, Counter failures) {
            this.name = name;
            this.stage = stage;
            this.timer = timer;
            this.slots = slots.toArray(new OutputSlot[0]);
            this.failures = failures;
        }
    }

    private final Input[] inputs;
    private final WindowView[] views;
    private final StageRun[] stages;
    private final NumberOutput[] outputs;
    private final HealthOutput health;
    private final int healthIndex;
    private final OutputListener listeners;
    private final PipelineMetrics metrics;
    private final Consumer<String> log;
    private final DoubleSupplier clock;
    private final DoubleSupplier wallClock;
    private final double hop;
    private final long hopNanos;
    /** Whether frames are due in real time (live), so that stages slower than the hop hold them back. */
    private final boolean realTime;
    private final double healthPeriod;

    private double nextFrame = Double.NaN;
    private double lastEmitted = Double.NEGATIVE_INFINITY;
    private long frameIndex;
    private double frameTime;
    private double nextHealth = Double.NaN;
    private volatile long framesEmitted;
    private long overruns;
    private double frameLimit = Double.POSITIVE_INFINITY;

    /**
     * @param outputs   the laid-out outputs: the stages' slots are bound to their samples
     * @param listeners every sink of the outputs (LSL outlets included when live), as one
     * @param clock     the clock frames are due by (the local LSL clock, or the data's own offline)
     * @param wallClock the local clock when a sample goes out, for its latency; NaN where there is none
     */
    Aligner(List<Input> inputs, List<WindowView> views, List<StageRun> stages, OutputLayout outputs,
            OutputListener listeners, PipelineMetrics metrics, double hop, double healthPeriod, DoubleSupplier clock,
            DoubleSupplier wallClock, Consumer<String> log) {
        this.inputs = inputs.toArray(new Input[0]);
        this.views = views.toArray(new WindowView[0]);
        this.stages = stages.toArray(new StageRun[0]);
        this.outputs = outputs.numbered();
        this.health = outputs.health();
        this.healthIndex = outputs.healthIndex();
        this.listeners = listeners;
        this.metrics = metrics;
        this.hop = hop;
        this.hopNanos = (long) (hop * 1e9);
        this.realTime = !Double.isNaN(wallClock.getAsDouble());
        this.healthPeriod = healthPeriod;
        this.clock = clock;
        this.wallClock = wallClock;
        this.log = log;
    }

    @Override
    public void onEvent(ChunkEvent e, long sequence, boolean endOfBatch) {
        if (e.stream >= 0) {
            ingest(e);
        }
        if (endOfBatch) {
            double now = clock.getAsDouble();
            if (nextFrame != nextFrame) {
                nextFrame = Math.ceil(now / hop) * hop;
                nextHealth = now + healthPeriod;
            }
            emitDueFrames(now);
            if (now >= nextHealth) {
                publishHealth(now);
            }
        }
    }

    private void ingest(ChunkEvent e) {
        Input in = inputs[e.stream];
        int n = e.samples;
        if (n == 0) {
            return;
        }
        if (in.buffer.goesBack(e.stamps[0])) {
            log.accept(String.format("input '%s': stamps went back %.3f s; history cleared, frames go on",
                    in.health.name, e.stamps[0] - in.buffer.lastStamp()));
            in.buffer.clear();
            in.health.clockResets.incrementAndGet();
        }
        if (e.stamps[0] <= lastEmitted) {
            long late = 0;
            for (int i = 0; i < n && e.stamps[i] <= lastEmitted; i++) {
                late++;
            }
            in.health.lateSamples += late;
        }
        int lost = in.buffer.wouldEvictUncovered(n, lastEmitted);
        if (lost > 0) {
            metrics.dropped.increment(lost);
            in.health.droppedSamples += lost;
        }
        int nonFinite = in.buffer.append(e);
        if (nonFinite > 0) {
            in.health.nonFinite += nonFinite;
        }
        in.lastArrival = e.arrival;
        double newest = in.buffer.lastStamp();
        in.watermark = in.rate > 0 ? newest + WATERMARK_PERIODS / in.rate : newest;
        in.health.samples += n;
        in.samplesIn.increment(n);
    }

    private void emitDueFrames(double now) {
        while (nextFrame <= now && nextFrame <= frameLimit) {
            double t = nextFrame;
            for (Input in : inputs) {
                if (in.rate <= 0) {
                    continue; // markers cannot say they are done: frames never wait for them
                }
                double patience = in.required ? in.timeout : Math.min(in.timeout, OPTIONAL_GRACE_SECONDS);
                if (!(in.watermark >= t) && now - t <= patience) {
                    return; // wait for this stream
                }
            }
            emit(t);
            nextFrame = t + hop;
        }
    }

    private void emit(double t) {
        frameTime = t;
        for (Input in : inputs) {
            in.missing = in.rate > 0 ? !(in.watermark >= t) : in.health.lost;
            if (in.missing && in.required) {
                in.health.missingFrames++;
            }
        }
        double newest = Double.NEGATIVE_INFINITY;
        for (WindowView v : views) {
            v.frame(t, inputs[v.stream].missing);
            double s = v.newestStamp();
            if (s > newest) {
                newest = s;
            }
        }
        boolean anyData = newest != Double.NEGATIVE_INFINITY;
        if (!anyData) {
            newest = t; // nothing arrived for this frame: stamp it with its own time
        }
        for (NumberOutput o : outputs) {
            o.clear();
        }
        long stagesStart = System.nanoTime();
        StageRun slowest = null;
        long slowestNanos = -1;
        for (StageRun run : stages) {
            if (run.off) {
                continue;
            }
            long t0 = System.nanoTime();
            try {
                run.stage.process(this);
            } catch (RuntimeException ex) {
                switchOff(run, t, ex);
            }
            long spent = System.nanoTime() - t0;
            run.timer.record(spent, TimeUnit.NANOSECONDS);
            if (spent > slowestNanos) {
                slowestNanos = spent;
                slowest = run;
            }
        }
        long stagesNanos = System.nanoTime() - stagesStart;
        if (realTime && stagesNanos > hopNanos) {
            overrun(t, stagesNanos, slowest, slowestNanos);
        }
        double latency = Double.NaN;
        for (int k = 0; k < outputs.length; k++) {
            NumberOutput o = outputs[k];
            latency = wallClock.getAsDouble() - newest;
            o.latency(latency);
            listeners.sample(k, newest, o.sample());
        }
        if (latency == latency && anyData) {
            metrics.latency.record((long) (latency * 1e9), TimeUnit.NANOSECONDS);
        }
        metrics.frames.increment();
        lastEmitted = t;
        frameIndex++;
        framesEmitted = frameIndex;
    }

    /** The stages took longer than the hop: counted; the first time, one line names the slowest stage. */
    private void overrun(double t, long stagesNanos, StageRun slowest, long slowestNanos) {
        metrics.overruns.increment();
        if (overruns++ == 0 && slowest != null) {
            log.accept(String.format(Locale.ROOT, "frame %d (t=%.3f): the stages took %.3f s, longer than the %.3f s "
                            + "hop (slowest: stage '%s', %.3f s); frames fall behind their streams, which then count "
                            + "as missing and their samples as late; every overrun is counted in frisson.frames.overrun",
                    frameIndex, t, stagesNanos / 1e9, hop, slowest.name, slowestNanos / 1e9));
        }
    }

    private void switchOff(StageRun run, double t, RuntimeException ex) {
        run.off = true;
        run.failures.increment();
        for (OutputSlot slot : run.slots) {
            slot.clear(); // what it wrote before throwing is not a result
        }
        run.failure = String.format(Locale.ROOT, "stage '%s' failed on frame %d (t=%.3f) and is switched off; its channels"
                + " stay NaN, every other stage goes on: %s", run.name, frameIndex, t, ex);
        log.accept(run.failure);
    }

    private void publishHealth(double now) {
        double period = now - (nextHealth - healthPeriod);
        nextHealth = now + healthPeriod;
        for (Input in : inputs) {
            long c = in.health.samples;
            in.health.effectiveRate = (c - in.countAtHealth) / period;
            in.countAtHealth = c;
            in.health.occupancy = in.buffer.size() / (double) in.buffer.capacity();
            in.health.lag = now - in.buffer.lastStamp();
        }
        if (health != null) {
            listeners.sample(healthIndex, now, health.fill());
        }
    }

    @Override
    public void onShutdown() {
        listeners.end();
    }

    /** No frame after {@code t} (offline: the end of the data). */
    void limitFrames(double t) {
        frameLimit = t;
    }

    long framesEmitted() {
        return framesEmitted;
    }

    // --- Frame, as seen by stages during process()

    @Override
    public long index() {
        return frameIndex;
    }

    @Override
    public double time() {
        return frameTime;
    }

    @Override
    public StreamWindow window(InputRef input) {
        return views[input.index()];
    }

    @Override
    public StreamWindow newSamples(InputRef input) {
        return views[input.index()].fresh();
    }

    @Override
    public boolean restarted(InputRef input) {
        return views[input.index()].restarted();
    }

    @Override
    public boolean missing(InputRef input) {
        return inputs[views[input.index()].stream].missing;
    }
}
