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
 * {@code kind: chill_button} — the listener's self-reported chills (seed 002) from a marker stream:
 * per frame, 1 while the button is held ({@code chill_on} .. {@code chill_off}) else 0, and the number
 * of presses so far. One pair of channels per marker stream (one per participant in a concert).
 *
 * <pre>{kind: chill_button, input: markers, output: features}</pre>
 */
public final class ChillButtonStage implements Stage {

    static final String ON = "chill_on";
    static final String OFF = "chill_off";

    static final Parameter<String> INPUT = Parameter.input("input", null,
            "the marker streams (one per participant) that carry chill_on and chill_off").required();
    static final Parameter<String> OUTPUT = Parameter.output("output", "features", "where the channels go");
    static final Parameter<Double> WINDOW = Parameter.number("window", 2.0,
            "seconds of markers read each frame (at least two hops, so no marker falls between frames)")
            .unit("s").range(Range.above(0));

    private final List<InputRef> inputs = new ArrayList<>();
    private final List<OutputSlot> slots = new ArrayList<>();
    private boolean[] held;
    private long[] presses;
    private double[] seenUpTo;
    /** How many markers stamped {@code seenUpTo} were counted (a press and its release may share a stamp). */
    private int[] countAtNewest;

    @Override
    public String kind() {
        return "chill_button";
    }

    @Override
    public String description() {
        return "the listener's self-reported chills from chill_on/chill_off markers: button held, presses so far";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(INPUT, OUTPUT, WINDOW);
    }

    @Override
    public void configure(StageContext context) {
        var p = context.params();
        String role = p.get(INPUT);
        String output = p.get(OUTPUT);
        // a marker window must span at least one hop so no event falls between frames
        double window = Math.max(p.get(WINDOW), 2 * context.hopSeconds());
        for (InputRef in : context.inputs(role, window)) {
            inputs.add(in);
            slots.add(context.output(output, List.of(OutputChannel.of(in.name() + ".chill_held", ""),
                    OutputChannel.of(in.name() + ".chill_presses", "count"))));
        }
        held = new boolean[inputs.size()];
        presses = new long[inputs.size()];
        seenUpTo = new double[inputs.size()];
        countAtNewest = new int[inputs.size()];
        reset();
    }

    @Override
    public void process(Frame frame) {
        for (int k = 0; k < inputs.size(); k++) {
            StreamWindow w = frame.window(inputs.get(k));
            int atNewest = 0; // markers of this window stamped seenUpTo[k], so far
            for (int i = 0; i < w.size(); i++) {
                double t = w.stamp(i);
                if (t < seenUpTo[k]) {
                    continue; // counted in an earlier, overlapping window
                }
                if (t == seenUpTo[k]) { // stamps are copied, never computed: equal means the same instant
                    if (++atNewest <= countAtNewest[k]) {
                        continue; // a press and release with one stamp: only those not yet counted
                    }
                    countAtNewest[k] = atNewest;
                } else {
                    seenUpTo[k] = t;
                    countAtNewest[k] = 1;
                    atNewest = 1;
                }
                String m = w.text(i, 0);
                if (ON.equals(m)) {
                    held[k] = true;
                    presses[k]++;
                } else if (OFF.equals(m)) {
                    held[k] = false;
                }
            }
            slots.get(k).set(0, held[k] ? 1 : 0);
            slots.get(k).set(1, presses[k]);
        }
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(held, false);
        java.util.Arrays.fill(presses, 0);
        java.util.Arrays.fill(seenUpTo, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(countAtNewest, 0);
    }
}
