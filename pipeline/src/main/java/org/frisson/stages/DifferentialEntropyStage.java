package org.frisson.stages;

import org.frisson.dsp.FeatureFrames;
import org.frisson.dsp.eeg.DifferentialEntropy;
import org.frisson.dsp.eeg.FrequencyBand;
import org.frisson.stage.Frame;
import org.frisson.stage.InputRef;
import org.frisson.stage.LatestResult;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Params;
import org.frisson.stage.Stage;
import org.frisson.stage.StageConfigException;
import org.frisson.stage.StageContext;
import org.frisson.stage.StreamWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kind: differential_entropy} — EEG differential entropy per channel and band (seed 001), one
 * value per channel x band on the output, labelled {@code <stream>.<channel>.<band>}.
 *
 * <pre>
 * {kind: differential_entropy, input: eeg, window: 1.0, method: periodogram,
 *  bands: {delta: [1, 4], theta: [4, 8], alpha: [8, 14], beta: [14, 31], gamma: [31, 50]}}
 * </pre>
 * The values are those of the newest full window; a channel with NaN in its window is NaN. The first
 * stream's values are also the stage's {@link LatestResult} (labelled {@code <channel>/<band>}, without the
 * stream name), which the emotion model reads.
 */
public final class DifferentialEntropyStage implements Stage {

    /** SEED-IV bands (seed 001's convention). */
    static final List<FrequencyBand> DEFAULT_BANDS = List.of(new FrequencyBand("delta", 1, 4),
            new FrequencyBand("theta", 4, 8), new FrequencyBand("alpha", 8, 14), new FrequencyBand("beta", 14, 31),
            new FrequencyBand("gamma", 31, 50));

    private final List<InputRef> inputs = new ArrayList<>();
    private final List<DifferentialEntropy> des = new ArrayList<>();
    private final List<double[]> feeds = new ArrayList<>();
    private final List<FeatureFrames> frames = new ArrayList<>();
    private final List<OutputSlot> slots = new ArrayList<>();
    private final List<double[]> latest = new ArrayList<>();
    private LatestResult result;

    @Override
    public String kind() {
        return "differential_entropy";
    }

    @Override
    public void configure(StageContext context) {
        Params p = context.params();
        String role = p.getString("input", "eeg");
        double window = p.getDouble("window", DifferentialEntropy.DEFAULT_WINDOW_SECONDS);
        String method = p.getString("method", "periodogram");
        String output = p.getString("output", "features");
        List<FrequencyBand> bands = bands(p);
        List<String> firstLabels = List.of();
        DifferentialEntropy.Method m = switch (method) {
            case "periodogram" -> DifferentialEntropy.Method.PERIODOGRAM;
            case "seed" -> DifferentialEntropy.Method.SEED;
            default -> throw new StageConfigException(p.where() + ": method must be periodogram or seed, got '" + method + "'");
        };
        for (InputRef in : StreamingInputs.regularInputs(context, role, -1, "EEG")) {
            DifferentialEntropy de = DifferentialEntropy.builder(in.channels(), in.rate()).windowSeconds(window)
                    .hopSeconds(m == DifferentialEntropy.Method.SEED ? window : context.hopSeconds())
                    .bands(bands).method(m).channelNames(in.labels()).build();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < de.width(); i++) {
                labels.add(in.name() + "." + de.featureName(i));
            }
            int maxSamples = StreamingInputs.maxSamples(context, in.rate());
            inputs.add(in);
            des.add(de);
            feeds.add(new double[in.channels() * maxSamples]);
            frames.add(new FeatureFrames(de.width(), de.maxFrames(maxSamples) + 1));
            slots.add(context.output(output, labels, de.unit()));
            if (firstLabels.isEmpty()) {
                List<String> plain = new ArrayList<>();
                for (int i = 0; i < de.width(); i++) {
                    plain.add(de.featureName(i));
                }
                firstLabels = List.copyOf(plain);
            }
            double[] l = new double[de.width()];
            java.util.Arrays.fill(l, Double.NaN);
            latest.add(l);
        }
        result = new LatestResult(firstLabels, 1 / context.hopSeconds(), 0);
        context.publish(result);
    }

    private static List<FrequencyBand> bands(Params p) {
        Map<String, Object> m = p.getMap("bands");
        if (m.isEmpty()) {
            return DEFAULT_BANDS;
        }
        List<FrequencyBand> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!(e.getValue() instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Number lo)
                    || !(l.get(1) instanceof Number hi) || !(lo.doubleValue() < hi.doubleValue())) {
                throw new StageConfigException(p.where() + ": bands." + e.getKey() + " must be [low, high] in Hz, low < high");
            }
            out.add(new FrequencyBand(e.getKey(), lo.doubleValue(), hi.doubleValue()));
        }
        return out;
    }

    @Override
    public void process(Frame frame) {
        for (int k = 0; k < inputs.size(); k++) {
            if (frame.missing(inputs.get(k))) {
                continue; // outputs stay NaN
            }
            if (frame.restarted(inputs.get(k))) {
                des.get(k).reset();
            }
            StreamWindow fresh = frame.newSamples(inputs.get(k));
            double[] feed = feeds.get(k);
            int perPiece = feed.length / fresh.channels();
            FeatureFrames f = frames.get(k);
            double[] l = latest.get(k);
            boolean computed = false;
            for (int from = 0; from < fresh.size(); from += perPiece) {
                int n = fresh.copy(from, Math.min(perPiece, fresh.size() - from), feed, 0);
                f.clear();
                des.get(k).process(feed, 0, n, f);
                if (f.size() > 0) {
                    f.copyValues(f.size() - 1, l, 0);
                    computed = true;
                }
            }
            if (computed && k == 0) {
                for (int i = 0; i < l.length; i++) {
                    result.set(i, l[i]);
                }
                result.publish(fresh.stamp(fresh.size() - 1));
            }
            OutputSlot slot = slots.get(k);
            for (int i = 0; i < l.length; i++) {
                slot.set(i, l[i]);
            }
        }
    }

    @Override
    public void reset() {
        for (int k = 0; k < des.size(); k++) {
            des.get(k).reset();
            java.util.Arrays.fill(latest.get(k), Double.NaN);
        }
        result.clear();
    }
}
