package org.frisson.stages;

import org.frisson.models.AcousticEmbedder;
import org.frisson.models.Embedder;
import org.frisson.models.EmbedderSpec;
import org.frisson.models.EmbedderThread;
import org.frisson.models.Embedders;
import org.frisson.models.ModelUnavailableException;
import org.frisson.models.PatchStream;
import org.frisson.stage.Frame;
import org.frisson.stage.InputRef;
import org.frisson.stage.LatestResult;
import org.frisson.stage.OutputChannel;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Params;
import org.frisson.stage.Provenance;
import org.frisson.stage.Range;
import org.frisson.stage.Stage;
import org.frisson.stage.StageConfigException;
import org.frisson.stage.StageContext;
import org.frisson.stage.StreamWindow;

import java.util.ArrayList;
import java.util.List;

import static java.lang.System.Logger.Level.INFO;

/**
 * {@code kind: embedding} — the music's embedding, live (seeds 000–002 read deep audio-network layers next
 * to the listener's body). The audio input is mixed to mono, resampled and framed as it arrives
 * ({@link PatchStream}); every {@code hop} seconds of audio a patch is complete and the model embeds it.
 * Live, the model runs on a thread of its own ({@link EmbedderThread}): frames never wait for it; patches wait in
 * a queue of {@code backlog} seconds and are all embedded, in order; each frame publishes the oldest result not yet
 * published (one a frame, so later stages see every result, as offline), written with {@code patch_age} (frame
 * time minus the patch's stamp). Only a model that cannot keep up for longer than the backlog loses patches,
 * counted on {@code frisson.stage.patches.skipped}. Offline, each patch is embedded when it completes. Either way
 * the same patches give the same results in the same order, so a live run that skipped none and its offline
 * replay give the same model outputs, a frame or two apart.
 *
 * <pre>{kind: embedding, input: audio, model: musicnn, hop: 0.4, layer: penultimate, tags: 5}</pre>
 * Channels: the layer's values ({@code <layer>.<i>}), then for the top {@code tags} tags of the newest patch
 * their index in the model's tag list ({@code tag<k>}) and score ({@code tag<k>.score}), then
 * {@code patch_age} (s). The layer is also the stage's {@link LatestResult}, which other stages read (e.g. the
 * transition detector).
 * With {@code fallback: true} the Java acoustic embedder stands in when MusiCNN cannot be exported here.
 */
public final class EmbeddingStage implements Stage {

    static final Parameter<String> INPUT = Parameter.input("input", "audio",
            "the music: one regular audio stream at a whole number of Hz, mixed to mono");
    static final Parameter<String> MODEL = Parameter.string("model", "musicnn", "the embedder")
            .oneOf(Embedders.NAMES);
    static final Parameter<Boolean> FALLBACK = Parameter.flag("fallback", true,
            "whether the Java acoustic embedder stands in when the model cannot be had here");
    static final Parameter<Double> HOP = Parameter.number("hop", 0.4, "audio between the patches the model embeds")
            .unit("s").range(Range.above(0));
    static final Parameter<String> LAYER = Parameter.string("layer", "penultimate",
            "the model's output that is written and published to later stages");
    static final Parameter<Integer> TAGS = Parameter.wholeNumber("tags", 5,
            "how many of the newest patch's best tags are written (models with a taggram)").range(Range.atLeast(0));
    static final Parameter<Integer> THREADS = Parameter.wholeNumber("threads", 1, "threads the model runs on")
            .range(Range.atLeast(1));
    static final Parameter<Double> BACKLOG = Parameter.number("backlog", 2.0,
            "live: seconds of patches that may wait for the model before the oldest is dropped (a model that falls"
                    + " behind for less catches up and skips none)").unit("s").range(Range.above(0));
    static final Parameter<String> OUTPUT = Parameter.output("output", "embedding", "where the channels go");

    private InputRef input;
    private Embedder embedder;
    private EmbedderThread worker;
    private PatchStream stream;
    private double[] feed;
    private OutputSlot slot;
    private LatestResult result;
    private int layerIndex;
    private int tagIndex = -1;
    private int topTags;
    private double hopSeconds;
    private float[] mono;
    private float[][] out;
    /** The published layer: the output itself, or for a time-axis output (Encodec) the mean of its new frames. */
    private float[] layerValues;
    private int timeOuter;
    private int timeLength;
    private int timeInner;
    private int newFrames;
    private long failures;
    private double stamp = Double.NaN;
    private double newestStamp;
    private long fed;
    private double inputRate;

    /** Receives completed patches while {@link #process} feeds audio (aligner thread only). */
    private final PatchStream.Sink sink = this::patchDone;

    @Override
    public String kind() {
        return "embedding";
    }

    @Override
    public String description() {
        return "the music's embedding, live: a patch every hop through a deep audio model, on a thread of its own";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(INPUT, MODEL, FALLBACK, HOP, LAYER, TAGS, THREADS, BACKLOG, OUTPUT);
    }

    @Override
    public void configure(StageContext context) {
        Params p = context.params();
        String role = p.get(INPUT);
        String model = p.get(MODEL);
        boolean fallback = p.get(FALLBACK);
        hopSeconds = p.get(HOP);
        String layer = p.get(LAYER);
        topTags = p.get(TAGS);
        int threads = p.get(THREADS);
        String output = p.get(OUTPUT);
        List<InputRef> found = StreamingInputs.regularInputs(context, role, -1, "audio");
        if (found.size() > 1) {
            throw new StageConfigException(p.where() + ": input '" + role + "' binds " + found.size()
                    + " streams; the embedding takes one");
        }
        System.Logger log = context.log();
        if (found.isEmpty()) {
            log.log(INFO, "no '" + role + "' stream, so no embedding this session");
            context.publish(new LatestResult(List.of(), 1 / hopSeconds, 0));
            return;
        }
        input = found.get(0);
        if (input.rate() != Math.rint(input.rate())) {
            throw new StageConfigException(p.where() + ": input '" + role + "' must be audio at a whole number of Hz, got "
                    + input.rate());
        }
        inputRate = input.rate();
        String standIn = "";
        try {
            embedder = Embedders.open(model, context.home(), List.of(), threads, false, LogLines.to(log));
        } catch (ModelUnavailableException e) {
            if (!fallback) {
                throw new StageConfigException(p.where() + ": " + e.getMessage());
            }
            embedder = new AcousticEmbedder();
            standIn = "the acoustic embedder (rms, flux, centroid, roughness) stands in for " + model + ", which "
                    + "could not be had here: " + e.getMessage();
        }
        EmbedderSpec spec = embedder.spec();
        if (standIn.isEmpty() && spec.weights().equals("random-init")) {
            standIn = spec.model() + " runs with random-init weights: its values carry no learned meaning";
        }
        context.provenance(new Provenance(context.name(), spec.model(), spec.weights(), "", standIn));
        if (spec.output(layer) == null) {
            if (!spec.model().equals("acoustic")) {
                embedder.close();
                throw new StageConfigException(p.where() + ": key 'layer': " + spec.model() + " has no output '" + layer
                        + "' (it has " + spec.outputs().stream().map(EmbedderSpec.Output::name).toList() + ")");
            }
            log.log(INFO, "the acoustic embedder publishes '" + spec.layers().get(0) + "' instead of '" + layer + "'");
            layer = spec.layers().get(0);
        }
        layerIndex = embedder.outputs().indexOf(layer);
        tagIndex = embedder.outputs().indexOf("taggram");
        if (tagIndex < 0) {
            topTags = 0;
        }
        log.log(INFO, spec.model() + " (" + spec.weights() + " weights), layer " + layer + ", a patch every "
                + hopSeconds + " s" + (context.live() ? " on its own thread" : ""));
        int hopFrames = Math.max(1, (int) Math.round(hopSeconds * spec.frameRate()));
        stream = new PatchStream(spec, (int) inputRate, hopFrames);
        EmbedderSpec.Output chosen = spec.output(layer);
        int[] shape = chosen.shape();
        int axis = chosen.timeAxis();
        timeLength = axis < 0 ? 1 : shape[axis];
        timeOuter = 1;
        timeInner = 1;
        for (int d = 0; d < shape.length; d++) {
            if (axis >= 0 && d < axis) {
                timeOuter *= shape[d];
            } else if (d > axis) {
                timeInner *= shape[d];
            }
        }
        newFrames = Math.min(hopFrames, timeLength);
        layerValues = new float[chosen.valuesPerFrame()];
        int maxSamples = StreamingInputs.maxSamples(context, inputRate);
        feed = new double[input.channels() * maxSamples];
        mono = new float[maxSamples];
        out = new float[embedder.outputs().size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[embedder.outputSize(i)];
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < layerValues.length; i++) {
            labels.add(layer + "." + i);
        }
        List<OutputChannel> channels = new ArrayList<>(OutputChannel.all(labels, ""));
        for (int k = 1; k <= topTags; k++) {
            channels.add(OutputChannel.of("tag" + k, ""));
            channels.add(OutputChannel.of("tag" + k + ".score", ""));
        }
        channels.add(OutputChannel.of("patch_age", "s"));
        slot = context.output(output, channels);
        result = new LatestResult(labels, 1 / hopSeconds, spec.windowSeconds());
        context.publish(result);
        if (context.live()) {
            int backlog = Math.max(1, (int) Math.ceil(p.get(BACKLOG) / hopSeconds));
            worker = new EmbedderThread(embedder, "frisson-embedder-" + context.name(), backlog);
            context.meters().gauge("frisson.stage.patches.skipped", worker, EmbedderThread::skipped,
                    "patches dropped because the model could not keep up for longer than its backlog");
        }
        reset();
    }

    @Override
    public void process(Frame frame) {
        if (input == null) {
            return;
        }
        if (!frame.missing(input)) {
            if (frame.restarted(input)) {
                stream.reset();
                fed = 0;
            }
            StreamWindow fresh = frame.newSamples(input);
            int channels = input.channels();
            for (int from = 0; from < fresh.size(); from += mono.length) {
                int n = fresh.copy(from, Math.min(mono.length, fresh.size() - from), feed, 0);
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += feed[i * channels + c];
                    }
                    float v = (float) (sum / channels);
                    mono[i] = Float.isFinite(v) ? v : 0f; // a NaN burst is silence to the model, not poison
                }
                newestStamp = fresh.stamp(from + n - 1);
                fed += n;
                stream.feed(mono, 0, n, sink);
            }
        }
        if (worker != null) {
            double next = worker.takeNext(out);
            if (!Double.isNaN(next)) {
                stamp = next;
                pool();
                publish();
            }
        }
        if (worker != null && worker.failures() != failures) {
            failures = worker.failures();
            throw new IllegalStateException(embedder.spec().model() + " failed on a patch", worker.lastFailure());
        }
        if (result.count() == 0) {
            return; // no patch yet: the slot stays NaN
        }
        float[] values = layerValues;
        for (int i = 0; i < values.length; i++) {
            slot.set(i, values[i]);
        }
        if (topTags > 0) {
            writeTopTags(out[tagIndex], values.length);
        }
        slot.set(values.length + 2 * topTags, frame.time() - stamp);
    }

    /** A patch completed during {@link #process}: embed it (offline) or hand it to the model's thread (live). */
    private void patchDone(float[] patch, long endFrame) {
        // the patch's last input sample is at most one feed step old: stamp it with that sample's time
        double patchStamp = newestStamp - (fed - stream.inputConsumed()) / inputRate;
        if (worker != null) {
            worker.submit(patch, patchStamp);
            return;
        }
        embedder.embed(patch, out);
        pool();
        stamp = patchStamp;
        publish();
    }

    /** Makes the pooled layer the stage's newest result. */
    private void publish() {
        for (int i = 0; i < layerValues.length; i++) {
            result.set(i, layerValues[i]);
        }
        result.publish(stamp);
    }

    /**
     * The published layer from the newest result: the output as it is, or, when it runs over the patch's
     * frames (a latent at 75 Hz), the mean of the frames new in this patch (its last {@code hop} frames; the
     * ones before are left context).
     */
    private void pool() {
        float[] o = out[layerIndex];
        if (timeLength == 1) {
            System.arraycopy(o, 0, layerValues, 0, layerValues.length);
            return;
        }
        for (int a = 0; a < timeOuter; a++) {
            for (int i = 0; i < timeInner; i++) {
                float sum = 0;
                for (int t = timeLength - newFrames; t < timeLength; t++) {
                    sum += o[(a * timeLength + t) * timeInner + i];
                }
                layerValues[a * timeInner + i] = sum / newFrames;
            }
        }
    }

    /** The {@code topTags} largest taggram entries, by selection (no allocation): index, score. */
    private void writeTopTags(float[] taggram, int base) {
        int prevIndex = -1;
        float prevScore = Float.POSITIVE_INFINITY;
        for (int k = 0; k < topTags; k++) {
            int best = -1;
            for (int i = 0; i < taggram.length; i++) {
                boolean after = taggram[i] < prevScore || (taggram[i] == prevScore && i > prevIndex);
                if (after && (best < 0 || taggram[i] > taggram[best])) {
                    best = i;
                }
            }
            slot.set(base + 2 * k, best);
            slot.set(base + 2 * k + 1, best < 0 ? Double.NaN : taggram[best]);
            if (best >= 0) {
                prevIndex = best;
                prevScore = taggram[best];
            }
        }
    }

    @Override
    public void reset() {
        if (input == null) {
            return;
        }
        stream.reset();
        fed = 0;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close(); // closes the embedder too
        } else if (embedder != null) {
            embedder.close();
        }
    }
}
