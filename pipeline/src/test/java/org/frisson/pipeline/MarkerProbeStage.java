package org.frisson.pipeline;

import org.frisson.stage.Frame;
import org.frisson.stage.MarkerSlot;
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

    @Override
    public String kind() {
        return "test_markers";
    }

    @Override
    public void configure(StageContext context) {
        every = context.params().getInt("every", 4);
        String output = context.params().getString("output", "markers");
        if (context.params().getBoolean("numbers", false)) {
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
