package org.frisson.stages;

import org.frisson.dsp.ppg.ElgendiPeakDetector;
import org.frisson.dsp.ppg.HeartRateTracker;
import org.frisson.stage.Frame;
import org.frisson.stage.InputRef;
import org.frisson.stage.OutputChannel;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Params;
import org.frisson.stage.Stage;
import org.frisson.stage.StageContext;
import org.frisson.stage.StreamWindow;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kind: heart_rate} — from PPG (seed 002): systolic peaks by Elgendi's method in its live form,
 * heart rate as the weighted average of inter-beat intervals over 10 s, RMSSD and SDNN over 60 s;
 * implausible intervals are left out, and with no beat for 5 s the rate is missing (NaN), never 0. Per
 * stream: {@code <stream>.heart_rate} (bpm), {@code .rmssd} and {@code .sdnn} (ms), {@code .beats}.
 *
 * <pre>{kind: heart_rate, input: ppg}</pre>
 */
public final class HeartRateStage implements Stage {

    /** The heart rate's channel on each stream: {@code <stream>.heart_rate}, in bpm. */
    public static final String HEART_RATE_CHANNEL = "heart_rate";

    static final Parameter<String> INPUT = Parameter.input("input", "ppg",
            "the PPG streams (one channel each; one per participant in a concert)");
    static final Parameter<String> OUTPUT = Parameter.output("output", "features", "where the channels go");

    private final List<InputRef> inputs = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    /** One stream's detector and tracker. */
    private static final class Channel {
        final ElgendiPeakDetector detector;
        final HeartRateTracker tracker;
        final double[] feed;
        final long[] peaks;
        final OutputSlot slot;
        long fed;

        Channel(double rate, int maxSamples, OutputSlot slot) {
            this.detector = ElgendiPeakDetector.live(rate);
            this.tracker = new HeartRateTracker(rate);
            this.feed = new double[maxSamples];
            this.peaks = new long[detector.maxPeaks(maxSamples) + 1];
            this.slot = slot;
        }

        void reset() {
            detector.reset();
            tracker.reset();
            fed = 0;
        }
    }

    @Override
    public String kind() {
        return "heart_rate";
    }

    @Override
    public String description() {
        return "heart rate and HRV from PPG: Elgendi's systolic peaks, live; HR over 10 s, RMSSD and SDNN over 60 s";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(INPUT, OUTPUT);
    }

    @Override
    public void configure(StageContext context) {
        Params p = context.params();
        String role = p.get(INPUT);
        String output = p.get(OUTPUT);
        for (InputRef in : StreamingInputs.regularInputs(context, role, 1, "PPG")) {
            String n = in.name();
            inputs.add(in);
            channels.add(new Channel(in.rate(), StreamingInputs.maxSamples(context, in.rate()), context.output(output,
                    List.of(OutputChannel.of(n + "." + HEART_RATE_CHANNEL, "bpm"), OutputChannel.of(n + ".rmssd", "ms"),
                            OutputChannel.of(n + ".sdnn", "ms"), OutputChannel.of(n + ".beats", "count")))));
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
                int found = ch.detector.process(ch.feed, 0, n, ch.peaks, 0);
                for (int i = 0; i < found; i++) {
                    ch.tracker.addBeat(ch.peaks[i]);
                }
                ch.fed += n;
            }
            if (fresh.size() > 0) {
                ch.tracker.update(ch.fed);
            }
            ch.slot.set(0, ch.tracker.heartRate());
            ch.slot.set(1, ch.tracker.rmssd());
            ch.slot.set(2, ch.tracker.sdnn());
            ch.slot.set(3, ch.tracker.beats());
        }
    }

    @Override
    public void reset() {
        channels.forEach(Channel::reset);
    }
}
