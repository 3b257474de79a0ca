package org.frisson.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.function.ToDoubleFunction;

/**
 * A stage's meters in the pipeline's Micrometer registry (exported with the rest, e.g. to Prometheus), each
 * tagged {@code stage=<name>}. Meters are registered at configure time; updating one in
 * {@link Stage#process} (a counter's increment) costs no allocation. Names start with {@code frisson.stage.}.
 */
public final class StageMeters {

    private final MeterRegistry registry;
    private final Tags tags;

    /** @param stage the stage's name in the config */
    public StageMeters(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.tags = Tags.of("stage", stage);
    }

    /** A counter, e.g. {@code frisson.stage.results.missed}. */
    public Counter counter(String name, String description) {
        return Counter.builder(name).tags(tags).description(description).register(registry);
    }

    /** A timer. */
    public Timer timer(String name, String description) {
        return Timer.builder(name).tags(tags).description(description).register(registry);
    }

    /** A gauge reading {@code value} of {@code obj} whenever the registry is read (on another thread). */
    public <T> Gauge gauge(String name, T obj, ToDoubleFunction<T> value, String description) {
        return Gauge.builder(name, obj, value).tags(tags).description(description).register(registry);
    }

    /** The registry itself, for other kinds of meter; register them with {@link #tags()}. */
    public MeterRegistry registry() {
        return registry;
    }

    /** {@code stage=<name>}. */
    public Tags tags() {
        return tags;
    }
}
