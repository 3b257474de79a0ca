package org.frisson.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/** The pipeline's Micrometer meters, all prefixed {@code frisson.}. */
final class PipelineMetrics {

    final MeterRegistry registry;
    final Counter frames;
    final Counter dropped;
    final Counter overruns;
    final Timer latency;

    PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.frames = Counter.builder("frisson.frames").description("frames emitted").register(registry);
        this.dropped = Counter.builder("frisson.samples.dropped")
                .description("samples lost inside Frisson (must stay 0)").register(registry);
        this.overruns = Counter.builder("frisson.frames.overrun")
                .description("live frames whose stages together took longer than the hop (frames fall behind)")
                .register(registry);
        this.latency = Timer.builder("frisson.latency")
                .description("end-to-end latency: output push minus the newest input stamp it depends on")
                .publishPercentiles(0.5, 0.99, 0.999).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    Counter samplesIn(StreamHealth h) {
        return Counter.builder("frisson.samples.in").tag("stream", h.name).tag("role", h.role)
                .description("samples received").register(registry);
    }

    Timer stageTime(String stage) {
        return Timer.builder("frisson.stage.time").tag("stage", stage).description("time per frame in a stage")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** Failures of a stage (it is switched off at the first, so this is 0 or 1). */
    Counter stageFailures(String stage) {
        return Counter.builder("frisson.stage.failures").tag("stage", stage)
                .description("exceptions thrown by a stage (it is switched off at the first)").register(registry);
    }

    /** Failures of a listener ({@code kind}: input or output; it is switched off at the first). */
    Counter listenerFailures(String kind, String listener) {
        return Counter.builder("frisson.listener.failures").tag("kind", kind).tag("listener", listener)
                .description("exceptions thrown by a listener (it is switched off at the first)").register(registry);
    }

    /** Exceptions that reached the ring itself (it logs them and goes on). */
    Counter ringFailures() {
        return Counter.builder("frisson.ring.failures")
                .description("exceptions that reached the ring (logged; the ring goes on)").register(registry);
    }

    void streamGauges(StreamHealth h) {
        gauge("frisson.stream.rate.effective", h, StreamHealth::effectiveRate, "samples/s over the last health period");
        gauge("frisson.stream.rate.nominal", h, StreamHealth::nominalRate, "declared samples/s");
        gauge("frisson.stream.gaps", h, s -> s.gaps, "gaps seen");
        gauge("frisson.stream.missed", h, s -> s.missedSamples, "samples missed in gaps (upstream)");
        gauge("frisson.stream.clock.offset", h, StreamHealth::clockOffset, "clock offset, seconds");
        gauge("frisson.stream.clock.uncertainty", h, StreamHealth::clockUncertainty, "clock offset uncertainty, seconds");
        gauge("frisson.stream.clock.resets", h, s -> s.clockResets.get(), "clock resets");
        gauge("frisson.stream.buffer.occupancy", h, StreamHealth::occupancy, "fraction of history buffer used");
        gauge("frisson.stream.lag", h, StreamHealth::lag, "seconds behind the local clock");
        gauge("frisson.stream.late", h, s -> s.lateSamples, "samples that arrived after their frame was emitted");
        gauge("frisson.stream.dropped", h, s -> s.droppedSamples, "samples overwritten before a frame covered them");
        gauge("frisson.stream.nonfinite", h, s -> s.nonFinite, "NaN/Inf values received");
        gauge("frisson.stream.missing.frames", h, s -> s.missingFrames, "frames emitted with this stream missing");
        gauge("frisson.stream.lost", h, s -> s.lost ? 1 : 0, "1 while the stream is lost");
    }

    void gauge(String name, Supplier<Number> value, String description) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    private void gauge(String name, StreamHealth h, ToDoubleFunction<StreamHealth> f, String description) {
        Gauge.builder(name, h, f).tag("stream", h.name).tag("role", h.role).description(description)
                .register(registry);
    }
}
