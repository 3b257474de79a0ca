package org.frisson.stages;

import io.micrometer.core.instrument.Counter;
import org.frisson.dsp.music.LatentTransitionDetector;
import org.frisson.dsp.music.TransitionSettings;
import org.frisson.stage.Frame;
import org.frisson.stage.LatestResult;
import org.frisson.stage.MarkerSlot;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Params;
import org.frisson.stage.Range;
import org.frisson.stage.Stage;
import org.frisson.stage.StageConfigException;
import org.frisson.stage.StageContext;

import java.util.List;
import java.util.Locale;

/**
 * {@code kind: transitions} — transitions in the music from an earlier stage's embedding (seed 002:
 * peaks in the variance of PC1 of the windowed latent; {@link LatentTransitionDetector}). Each new result
 * of the {@code upstream} stage (its {@link LatestResult}, e.g. the {@code embedding} stage's layer) is one
 * latent frame, stamped as the source stamps it. Results of the source that came and went within one frame
 * (none should) are counted on {@code frisson.stage.results.missed}.
 *
 * <pre>{name: transitions, kind: transitions, upstream: music, threshold: 6}</pre>
 * Every frame, on output {@code latent}: {@code PC1}, {@code PC2}, {@code PC1.variance} of the newest
 * mean (NaN until there is one) and {@code transition}, 1 on the frame that confirms a transition, else 0.
 * Each transition is also a marker on output {@code markers}, {@code transition strength=<x>} (the
 * windowed variance over its median), stamped with the transition's estimated time, which is some seconds
 * before the frame that confirms it.
 */
public final class TransitionsStage implements Stage {

    /** Channels on the latent output; the dashboard's latent panel looks for these names. */
    public static final List<String> CHANNELS = List.of("PC1", "PC2", "PC1.variance", "transition");

    static final Parameter<String> UPSTREAM = Parameter.stage("upstream", "music",
            "the stage whose results are the latent frames (an embedding stage)");
    static final Parameter<String> LATENT = Parameter.output("latent", "latent",
            "where PC1, PC2, PC1.variance and transition go");
    static final Parameter<String> MARKERS = Parameter.output("markers", "transitions",
            "where the transition markers go");
    static final Parameter<Double> MEAN_WINDOW = Parameter.number("mean_window", TransitionSettings.SEED_MEAN_WINDOW,
            "the latent is averaged over this long (seed 002: 100 frames of the DAC latent at 86.1 Hz)")
            .unit("s").range(Range.above(0));
    static final Parameter<Double> MEAN_HOP = Parameter.number("mean_hop", TransitionSettings.SEED_MEAN_HOP,
            "one average every this long (seed 002: every 4 frames at 86.1 Hz)").unit("s").range(Range.above(0));
    static final Parameter<Double> PCA_MEMORY = Parameter.number("pca_memory", TransitionSettings.PCA_MEMORY,
            "time constant of the PCA's forgetting (seed 002 fits PCA within 90 s excerpts)")
            .unit("s").range(Range.above(0));
    static final Parameter<Double> VARIANCE_WINDOW = Parameter.number("variance_window",
            TransitionSettings.VARIANCE_WINDOW, "PC1's variance is taken over this long (two bars at 120 bpm)")
            .unit("s").range(Range.above(0));
    static final Parameter<Double> WARMUP = Parameter.number("warmup", TransitionSettings.WARMUP,
            "no transition before this much music (the median needs a history)").unit("s").range(Range.atLeast(0));
    static final Parameter<Double> THRESHOLD = Parameter.number("threshold", TransitionSettings.THRESHOLD,
            "a peak counts when the windowed variance reaches this many times its median")
            .unit("× median").range(Range.atLeast(0));
    static final Parameter<Double> CONFIRM = Parameter.number("confirm", TransitionSettings.CONFIRM,
            "a peak is confirmed once it has been the highest for this long").unit("s").range(Range.above(0));
    static final Parameter<Double> REFRACTORY = Parameter.number("refractory", TransitionSettings.REFRACTORY,
            "at least this long between transitions").unit("s").range(Range.atLeast(0));

    private LatestResult source;
    private LatentTransitionDetector detector;
    private OutputSlot latent;
    private MarkerSlot markers;
    private double[] frame;
    private long seen;
    private Counter missed;

    @Override
    public String kind() {
        return "transitions";
    }

    @Override
    public String description() {
        return "transitions in the music (seed 002): peaks in the variance of PC1 of an earlier stage's windowed "
                + "embedding";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(UPSTREAM, LATENT, MARKERS, MEAN_WINDOW, MEAN_HOP, PCA_MEMORY, VARIANCE_WINDOW, WARMUP,
                THRESHOLD, CONFIRM, REFRACTORY);
    }

    @Override
    public void configure(StageContext context) {
        Params p = context.params();
        String upstream = p.get(UPSTREAM);
        String latentOutput = p.get(LATENT);
        String markerOutput = p.get(MARKERS);
        TransitionSettings settings = new TransitionSettings(p.get(MEAN_WINDOW), p.get(MEAN_HOP), p.get(PCA_MEMORY),
                p.get(VARIANCE_WINDOW), p.get(WARMUP), p.get(THRESHOLD), p.get(CONFIRM), p.get(REFRACTORY));
        source = context.upstream(upstream);
        int dimension = source.width();
        System.Logger log = context.log();
        if (dimension == 0) {
            log.log(System.Logger.Level.INFO, "stage '" + upstream + "' gives no latent this session, so no "
                    + "transitions");
            source = null;
            return;
        }
        try {
            detector = new LatentTransitionDetector(dimension, source.rate(), source.span(), settings);
        } catch (IllegalArgumentException e) {
            throw new StageConfigException(p.where() + ": stage '" + upstream + "': " + e.getMessage());
        }
        log.log(System.Logger.Level.INFO, dimension + " values from '" + upstream + "' at "
                + String.format(Locale.ROOT, "%.3g", source.rate()) + "/s; mean of " + detector.meanWindowFrames()
                + " every " + detector.meanHopFrames() + ", PC1 variance over " + detector.varianceFrames()
                + " means, a peak confirmed " + detector.lookaheadFrames() + " means later");
        frame = new double[dimension];
        latent = context.output(latentOutput, CHANNELS, "");
        markers = context.markers(markerOutput);
        missed = context.meters().counter("frisson.stage.results.missed",
                "results of the upstream stage never seen (two within one frame): should stay 0");
    }

    @Override
    public void process(Frame f) {
        if (source == null) {
            return;
        }
        boolean confirmed = false;
        long count = source.count();
        if (count != seen) {
            if (count - seen > 1) {
                missed.increment(count - seen - 1); // the source made two results within one frame
            }
            seen = count;
            for (int i = 0; i < frame.length; i++) {
                frame[i] = source.value(i);
            }
            if (detector.push(frame, source.stamp()) && detector.confirmed()) {
                confirmed = true;
                markers.emit(String.format(Locale.ROOT, "transition strength=%.2f", detector.transitionStrength()),
                        detector.transitionTime());
            }
        }
        latent.set(0, detector.pc1());
        latent.set(1, detector.pc2());
        latent.set(2, detector.pc1Variance());
        latent.set(3, confirmed ? 1 : 0);
    }

    @Override
    public void reset() {
        if (detector != null) {
            detector.reset();
        }
    }
}
