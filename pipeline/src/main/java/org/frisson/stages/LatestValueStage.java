package org.frisson.stages;

import org.frisson.stage.Frame;
import org.frisson.stage.InputRef;
import org.frisson.stage.OutputChannel;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Range;
import org.frisson.stage.Stage;
import org.frisson.stage.StageContext;
import org.frisson.stage.StreamWindow;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kind: latest} — the newest value of each channel of an input within the window (e.g. the rating
 * slider's position), NaN when nothing arrived in it; each channel keeps the unit its stream declares.
 *
 * <pre>{kind: latest, input: rating, window: 1.0, output: features}</pre>
 */
public final class LatestValueStage implements Stage {

    static final Parameter<String> INPUT = Parameter.input("input", null, "the numeric streams to read").required();
    static final Parameter<Double> WINDOW = Parameter.number("window", 1.0,
            "how recent the newest value must be; older, the channel is NaN").unit("s").range(Range.above(0));
    static final Parameter<String> OUTPUT = Parameter.output("output", "features", "where the channels go");

    private final List<InputRef> inputs = new ArrayList<>();
    private final List<OutputSlot> slots = new ArrayList<>();

    @Override
    public String kind() {
        return "latest";
    }

    @Override
    public String description() {
        return "the newest value of each channel of an input within the window (a rating slider, say)";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(INPUT, WINDOW, OUTPUT);
    }

    @Override
    public void configure(StageContext context) {
        var p = context.params();
        String role = p.get(INPUT);
        double window = p.get(WINDOW);
        String output = p.get(OUTPUT);
        for (InputRef in : context.inputs(role, window)) {
            if (in.text()) {
                throw new org.frisson.stage.StageConfigException(p.where() + ": input '" + role
                        + "' carries strings; 'latest' takes numeric streams");
            }
            List<OutputChannel> channels = new ArrayList<>();
            for (int c = 0; c < in.channels(); c++) {
                channels.add(OutputChannel.of(in.name() + "." + in.labels().get(c),
                        c < in.units().size() ? in.units().get(c) : ""));
            }
            inputs.add(in);
            slots.add(context.output(output, channels));
        }
    }

    @Override
    public void process(Frame frame) {
        for (int k = 0; k < inputs.size(); k++) {
            StreamWindow w = frame.window(inputs.get(k));
            if (w.size() == 0) {
                continue;
            }
            OutputSlot slot = slots.get(k);
            for (int c = 0; c < w.channels(); c++) {
                slot.set(c, w.value(w.size() - 1, c));
            }
        }
    }
}
