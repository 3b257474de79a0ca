package org.frisson.pipeline;

import org.frisson.stage.Frame;
import org.frisson.stage.InputRef;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Stage;
import org.frisson.stage.StageContext;
import org.frisson.stage.StreamWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A test stage that records what every frame held, per input role, and writes each window's size out. */
public final class ProbeStage implements Stage {

    /** What one frame held for one stream. */
    public record Seen(long frame, double time, String stream, boolean missing, double[] stamps, double[] firstChannel) {
    }

    /** Frames seen, per stage name. */
    public static final Map<String, ConcurrentLinkedQueue<Seen>> SEEN = new ConcurrentHashMap<>();

    private final List<InputRef> refs = new ArrayList<>();
    private ConcurrentLinkedQueue<Seen> sink;
    private OutputSlot sizes;

    static final Parameter<Double> WINDOW = Parameter.number("window", 1.0, "window read on each input")
            .unit("s");
    static final Parameter<String> INPUTS = Parameter.string("inputs", "", "the input roles read, comma-separated");

    @Override
    public String kind() {
        return "test_probe";
    }

    @Override
    public String description() {
        return "a test stage that records what every frame held";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(WINDOW, INPUTS);
    }

    @Override
    public void configure(StageContext context) {
        double window = context.params().get(WINDOW);
        String roles = context.params().get(INPUTS);
        for (String role : roles.split(",")) {
            refs.addAll(context.inputs(role.trim(), window));
        }
        List<String> labels = new ArrayList<>();
        for (InputRef r : refs) {
            labels.add(r.name() + ".size");
        }
        sizes = context.output("features", labels, "samples");
        sink = new ConcurrentLinkedQueue<>();
        SEEN.put(context.name(), sink);
    }

    @Override
    public void process(Frame frame) {
        for (int k = 0; k < refs.size(); k++) {
            InputRef r = refs.get(k);
            StreamWindow w = frame.window(r);
            double[] st = new double[w.size()];
            double[] v = new double[w.size()];
            for (int i = 0; i < w.size(); i++) {
                st[i] = w.stamp(i);
                v[i] = r.text() ? Double.NaN : w.value(i, 0);
            }
            sink.add(new Seen(frame.index(), frame.time(), r.name(), frame.missing(r), st, v));
            sizes.set(k, w.size());
        }
    }
}
