package org.frisson.pipeline;

import org.frisson.stage.Frame;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Stage;
import org.frisson.stage.StageContext;

import java.util.List;

/**
 * A test stage that writes 1 on its channel every frame and, from frame {@code from_frame} on, throws
 * after writing: what a stage with a bug looks like to the pipeline.
 */
public final class ThrowingStage implements Stage {

    private OutputSlot slot;
    private long fromFrame;

    static final Parameter<Double> FROM_FRAME = Parameter.number("from_frame", 4,
            "the first frame it throws on");

    @Override
    public String kind() {
        return "test_throw";
    }

    @Override
    public String description() {
        return "a test stage that throws from a given frame on";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(FROM_FRAME);
    }

    @Override
    public void configure(StageContext context) {
        fromFrame = context.params().get(FROM_FRAME).longValue();
        slot = context.output("features", List.of(context.name() + ".value"), "au");
    }

    @Override
    public void process(Frame frame) {
        slot.set(0, 1.0);
        if (frame.index() >= fromFrame) {
            throw new IllegalStateException("planted failure on frame " + frame.index());
        }
    }
}
