package org.frisson.pipeline;

import org.frisson.stage.Frame;
import org.frisson.stage.MarkerSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Range;
import org.frisson.stage.Stage;
import org.frisson.stage.StageContext;

import java.util.List;

/**
 * A test stage that emits a marker every {@code every} frames, stamped half a second before the frame
 * ({@code tick <frame>, "quoted"}); with {@code numbers: true} it also writes a number on the same output.
 */
public final class MarkerProbeStage implements Stage {

    private MarkerSlot slot;
    private int every;

    static final Parameter<Integer> EVERY = Parameter.wholeNumber("every", 4, "frames between markers")
            .range(Range.atLeast(1));
    static final Parameter<String> OUTPUT = Parameter.output("output", "markers", "where the markers go");
    static final Parameter<Boolean> NUMBERS = Parameter.flag("numbers", false, "whether it writes a number too");

    @Override
    public String kind() {
        return "test_markers";
    }

    @Override
    public String description() {
        return "a test stage that emits a marker every few frames";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(EVERY, OUTPUT, NUMBERS);
    }

    @Override
    public void configure(StageContext context) {
        every = context.params().get(EVERY);
        String output = context.params().get(OUTPUT);
        if (context.params().get(NUMBERS)) {
            context.output(output, List.of("n"), "");
        }
        slot = context.markers(output);
    }

    @Override
    public void process(Frame frame) {
        if (frame.index() % every == every - 1) {
            slot.emit("tick " + frame.index() + ", \"quoted\"", frame.time() - 0.5);
        }
    }
}
