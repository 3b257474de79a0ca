package org.frisson.pipeline;

import org.frisson.stage.Frame;
import org.frisson.stage.LatestResult;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Stage;
import org.frisson.stage.StageContext;

import java.util.List;

/** A test stage that writes out, every frame, the newest result of an earlier stage: count, stamp, values. */
public final class ResultReaderStage implements Stage {

    private LatestResult source;
    private OutputSlot slot;

    static final Parameter<String> UPSTREAM = Parameter.stage("upstream", null, "the stage whose result it reads")
            .required();

    @Override
    public String kind() {
        return "test_result_reader";
    }

    @Override
    public String description() {
        return "a test stage that writes out an earlier stage's newest result";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(UPSTREAM);
    }

    @Override
    public void configure(StageContext context) {
        source = context.upstream(context.params().get(UPSTREAM));
        slot = context.output("features", List.of("count", "stamp", "index", "time"), "");
    }

    @Override
    public void process(Frame frame) {
        slot.set(0, source.count());
        slot.set(1, source.stamp());
        slot.set(2, source.value(0));
        slot.set(3, source.value(1));
    }
}
