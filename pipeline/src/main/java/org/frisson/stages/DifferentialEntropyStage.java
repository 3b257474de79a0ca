package org.frisson.stages;

import org.frisson.dsp.FeatureFrames;
import org.frisson.dsp.eeg.DifferentialEntropy;
import org.frisson.dsp.eeg.FrequencyBand;
import org.frisson.stage.Frame;
import org.frisson.stage.InputRef;
import org.frisson.stage.LatestResult;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Params;
import org.frisson.stage.Range;
import org.frisson.stage.Stage;
import org.frisson.stage.StageConfigException;
import org.frisson.stage.StageContext;
import org.frisson.stage.StreamWindow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kind: differential_entropy} — EEG differential entropy per channel and band (seed 001), one
 * value per channel x band on the output, labelled {@code <stream>.<channel>.<band>}.
 *
 * <pre>{kind: differential_entropy, input: eeg, window: 1.0, bands: {alpha: [8, 14], beta: [14, 31]}}</pre>
 * The values are those of the newest full window; a channel with NaN in its window is NaN. The first
 * stream's values are also the stage's {@link LatestResult} (labelled {@code <channel>/<band>}, without the
 * stream name), which the emotion model reads.
 */
public final class DifferentialEntropyStage implements Stage {

    static final Parameter<String> INPUT = Parameter.input("input", "eeg", "the EEG streams");
    static final Parameter<Double> WINDOW = Parameter.number("window", DifferentialEntropy.DEFAULT_WINDOW_SECONDS,
            "length of the window DE is computed over (seed 001)").unit("s").range(Range.above(0));
    static final Parameter<String> METHOD = Parameter.string("method", "periodogram",
            "periodogram: ½·ln(2πe·σ²) of a Hann periodogram every hop; seed: the SEED dataset's reference code, "
                    + "windows not overlapping").oneOf(List.of("periodogram", "seed"));
    static final Parameter<Map<String, Object>> BANDS = Parameter.map("bands", seedIvBands(),
            "frequency bands, name: [low, high] in Hz (default: SEED-IV's, seed 001's convention)");
    static final Parameter<String> OUTPUT = Parameter.output("output", "features", "where the channels go");

    /** The default bands as frequency bands. */
    static final List<FrequencyBand> DEFAULT_BANDS = bands(BANDS.defaultValue(), BANDS.name());

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
    public String description() {
        return "EEG differential entropy per channel and band over the newest full window (seed 001)";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(INPUT, WINDOW, METHOD, BANDS, OUTPUT);
    }

    @Override
    public void configure(StageContext context) {
        Params p = context.params();
        String role = p.get(INPUT);
        double window = p.get(WINDOW);
        String output = p.get(OUTPUT);
        Map<String, Object> bandMap = p.get(BANDS);
        List<FrequencyBand> bands = bandMap.isEmpty() ? DEFAULT_BANDS : bands(bandMap, p.where() + ": bands");
        List<String> firstLabels = List.of();
        DifferentialEntropy.Method m = p.get(METHOD).equals("seed") ? DifferentialEntropy.Method.SEED
                : DifferentialEntropy.Method.PERIODOGRAM;
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

    /** SEED-IV's bands, in Hz. */
    private static Map<String, Object> seedIvBands() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delta", List.of(1, 4));
        m.put("theta", List.of(4, 8));
        m.put("alpha", List.of(8, 14));
        m.put("beta", List.of(14, 31));
        m.put("gamma", List.of(31, 50));
        return Collections.unmodifiableMap(m);
    }

    /** {@code m}'s bands, {@code name: [low, high]}; {@code where} names the map in errors. */
    private static List<FrequencyBand> bands(Map<String, Object> m, String where) {
        List<FrequencyBand> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!(e.getValue() instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Number lo)
                    || !(l.get(1) instanceof Number hi) || !(lo.doubleValue() < hi.doubleValue())) {
                throw new StageConfigException(where + "." + e.getKey() + " must be [low, high] in Hz, low < high");
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
