package org.frisson.stages;

import org.frisson.dsp.eda.EdaDecomposer;
import org.frisson.dsp.eda.EdaQualityMonitor;
import org.frisson.dsp.eda.ScrDetector;
import org.frisson.dsp.eda.ScrEvents;
import org.frisson.stage.Frame;
import org.frisson.stage.InputRef;
import org.frisson.stage.OutputChannel;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Params;
import org.frisson.stage.Range;
import org.frisson.stage.Stage;
import org.frisson.stage.StageContext;
import org.frisson.stage.StreamWindow;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kind: eda} — skin conductance (seed 002), live: cleaned and split into tonic and phasic parts
 * with NeuroKit2's high-pass method in its causal form, skin conductance responses detected on the
 * phasic part, and the signal's quality flags. Per stream (one per participant in a concert):
 * {@code <stream>.tonic}, {@code .phasic} (µS, newest sample), {@code .scr_count} (responses so far),
 * {@code .scr_amplitude} (µS, newest response), {@code .quality} (flags of the newest sample: flat line,
 * out of range, too steep; 0 when clean).
 *
 * <pre>{kind: eda, input: gsr, min_amplitude: 0.02}</pre>
 */
public final class SkinConductanceStage implements Stage {

    /** The phasic part's channel on each stream: {@code <stream>.phasic}, in µS. */
    public static final String PHASIC_CHANNEL = "phasic";

    static final Parameter<String> INPUT = Parameter.input("input", "gsr",
            "the skin conductance streams (one channel each; one per participant in a concert)");
    static final Parameter<String> OUTPUT = Parameter.output("output", "features", "where the channels go");
    static final Parameter<Double> MIN_AMPLITUDE = Parameter.number("min_amplitude",
            ScrDetector.DEFAULT_MIN_AMPLITUDE_US, "smallest SCR counted, by prominence on the phasic part "
                    + "(Boucsein et al. 2012's usual minimum; raise it for noisy sensors)")
            .unit("µS").range(Range.above(0));

    private final List<InputRef> inputs = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    /** One stream's processors and state. */
    private static final class Channel {
        final EdaDecomposer decomposer;
        final ScrDetector detector;
        final EdaQualityMonitor quality;
        final double[] feed;
        final double[] tonic;
        final double[] phasic;
        final int[] flags;
        final ScrEvents events;
        final OutputSlot slot;
        long responses;
        double lastAmplitude = Double.NaN;
        double lastTonic = Double.NaN;
        double lastPhasic = Double.NaN;
        int lastFlags;

        Channel(double rate, double minAmplitude, int maxSamples, OutputSlot slot) {
            this.decomposer = new EdaDecomposer(rate);
            this.detector = new ScrDetector(rate, minAmplitude);
            this.quality = new EdaQualityMonitor(rate);
            this.feed = new double[maxSamples];
            this.tonic = new double[maxSamples];
            this.phasic = new double[maxSamples];
            this.flags = new int[maxSamples];
            this.events = new ScrEvents(maxSamples);
            this.slot = slot;
        }

        void reset() {
            decomposer.reset();
            detector.reset();
            quality.reset();
            responses = 0;
            lastAmplitude = Double.NaN;
            lastTonic = Double.NaN;
            lastPhasic = Double.NaN;
            lastFlags = 0;
        }
    }

    @Override
    public String kind() {
        return "eda";
    }

    @Override
    public String description() {
        return "skin conductance, live: NeuroKit2's high-pass tonic/phasic split (causal), SCRs on the phasic part, "
                + "quality flags";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(INPUT, OUTPUT, MIN_AMPLITUDE);
    }

    @Override
    public void configure(StageContext context) {
        Params p = context.params();
        String role = p.get(INPUT);
        String output = p.get(OUTPUT);
        double minAmplitude = p.get(MIN_AMPLITUDE);
        for (InputRef in : StreamingInputs.regularInputs(context, role, 1, "skin conductance")) {
            String n = in.name();
            OutputSlot slot = context.output(output, List.of(OutputChannel.of(n + ".tonic", "microsiemens"),
                    OutputChannel.of(n + "." + PHASIC_CHANNEL, "microsiemens"), OutputChannel.of(n + ".scr_count", "count"),
                    OutputChannel.of(n + ".scr_amplitude", "microsiemens"), OutputChannel.of(n + ".quality", "flags")));
            inputs.add(in);
            channels.add(new Channel(in.rate(), minAmplitude, StreamingInputs.maxSamples(context, in.rate()), slot));
        }
    }

    @Override
    public void process(Frame frame) {
        for (int k = 0; k < inputs.size(); k++) {
            if (frame.missing(inputs.get(k))) {
                continue;
            }
            Channel ch = channels.get(k);
            if (frame.restarted(inputs.get(k))) {
                ch.reset();
            }
            StreamWindow fresh = frame.newSamples(inputs.get(k));
            for (int from = 0; from < fresh.size(); from += ch.feed.length) {
                int n = fresh.copy(from, Math.min(ch.feed.length, fresh.size() - from), ch.feed, 0);
                double[] x = ch.feed;
                ch.decomposer.process(x, 0, n, ch.tonic, ch.phasic, 0);
                ch.quality.process(x, 0, n, ch.flags, 0);
                ch.events.clear();
                ch.detector.process(ch.phasic, 0, n, ch.events);
                for (int i = 0; i < ch.events.size(); i++) {
                    ch.responses++;
                    ch.lastAmplitude = ch.events.amplitude(i);
                }
                ch.lastTonic = ch.tonic[n - 1];
                ch.lastPhasic = ch.phasic[n - 1];
                ch.lastFlags = ch.flags[n - 1];
            }
            ch.slot.set(0, ch.lastTonic);
            ch.slot.set(1, ch.lastPhasic);
            ch.slot.set(2, ch.responses);
            ch.slot.set(3, ch.lastAmplitude);
            ch.slot.set(4, ch.lastFlags);
        }
    }

    @Override
    public void reset() {
        channels.forEach(Channel::reset);
    }
}
