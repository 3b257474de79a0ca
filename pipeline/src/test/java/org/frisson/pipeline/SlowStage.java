package org.frisson.pipeline;

import org.frisson.lsl.Lsl;
import org.frisson.stage.Frame;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Stage;
import org.frisson.stage.StageContext;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A test stage too slow for its hop: while {@link #slow} is set, each frame takes it until the local clock
 * has moved {@code hops} hops on (it waits for that, doing nothing); otherwise it returns at once.
 */
public final class SlowStage implements Stage {

    /** Whether the stage is slow; tests switch it. */
    static volatile boolean slow = true;
    /** Frames it has processed. */
    static final AtomicLong FRAMES = new AtomicLong();

    static final Parameter<Double> HOPS = Parameter.number("hops", 2, "hops each frame takes while slow");

    private OutputSlot slot;
    private double seconds;

    @Override
    public String kind() {
        return "test_slow";
    }

    @Override
    public String description() {
        return "a test stage that takes longer than the hop for each frame";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(HOPS);
    }

    @Override
    public void configure(StageContext context) {
        seconds = context.params().get(HOPS) * context.hopSeconds();
        slot = context.output("features", List.of(context.name() + ".frame"), "index");
    }

    @Override
    public void process(Frame frame) {
        double until = Lsl.localClock() + seconds;
        while (slow && Lsl.localClock() < until) {
            LockSupport.parkNanos(1_000_000);
        }
        slot.set(0, frame.index());
        FRAMES.incrementAndGet();
    }
}
