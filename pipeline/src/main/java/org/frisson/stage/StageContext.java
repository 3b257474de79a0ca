package org.frisson.stage;

import java.nio.file.Path;
import java.util.List;

/**
 * What a stage sees while it is configured: its name and parameters, the pipeline's timing, its inputs and
 * outputs, the results of earlier stages, and the pipeline's log, home directory and meters. Valid during
 * {@link Stage#configure} only; what it hands out ({@link InputRef}, slots, {@link LatestResult}s, the logger,
 * the meters) stays valid for the stage's life.
 */
public interface StageContext {

    /** The stage's name in the config (unique). */
    String name();

    /** The stage's parameters from the config. */
    Params params();

    /** Seconds between frames. */
    double hopSeconds();

    /**
     * Whether frames come in real time (live) rather than as fast as a recording is read (offline). Live,
     * a slow computation may run on a thread of the stage's own and be used when it is done; offline,
     * everything runs inline so that results do not depend on timing.
     */
    boolean live();

    /**
     * The stage's logger: each message becomes one line of the pipeline's log, {@code stage '<name>': <message>},
     * prefixed {@code WARNING} or {@code ERROR} at those levels ({@code DEBUG} and {@code TRACE} are dropped).
     * Stages never write to {@code System.out} or {@code System.err}. For configure time and rare events: a
     * message costs its string.
     */
    System.Logger log();

    /** Frisson's home directory: relative model and profile paths in a config resolve against it. */
    Path home();

    /** The stage's meters in the pipeline's registry, tagged with its name. */
    StageMeters meters();

    /**
     * Makes {@code result} this stage's result, for stages further down the config to read with
     * {@link #upstream(String)}; at most once per stage. A stage that has nothing to give this session (no
     * input stream) still publishes one, with no labels, so that readers can say so.
     *
     * @throws IllegalStateException when the stage already published one
     */
    void publish(LatestResult result);

    /**
     * The result that the stage called {@code stage}, which must come earlier in the config, published; read
     * it in the same frame (stages run in config order). The reader's outputs are then said to depend on that
     * stage (its {@link Provenance} reaches them).
     *
     * @throws StageConfigException when there is no such earlier stage or it published no result
     */
    LatestResult upstream(String stage);

    /**
     * The stage called {@code stage}, which must come earlier in the config and be a {@code type}, for what
     * its {@link LatestResult} does not say (which model file it runs, say). The reader's outputs are then said
     * to depend on it, as with {@link #upstream(String)}.
     *
     * @throws StageConfigException when there is no such earlier stage or it is not a {@code type}
     */
    <T> T upstream(String stage, Class<T> type);

    /**
     * The one stream bound to {@code role}, with the history the stage needs.
     *
     * @param windowSeconds length of the window ending at the frame time that {@link Frame#window} returns; a
     *                      stage that feeds a streaming processor from {@link Frame#newSamples} asks for the hop
     *                      plus slack for a stream that comes late
     * @throws StageConfigException when no input has that role, or it binds several streams
     */
    InputRef input(String role, double windowSeconds);

    /** Every stream bound to {@code role} (one per participant, for instance); empty when the role is not configured. */
    List<InputRef> inputs(String role, double windowSeconds);

    /**
     * Declares channels this stage writes on an output stream (e.g. {@code features}); the output's LSL
     * stream gets one channel per entry, with its label, unit and type, in declaration order across stages.
     */
    OutputSlot output(String output, List<OutputChannel> channels);

    /** Declares channels that all share one unit; see {@link #output(String, List)}. */
    default OutputSlot output(String output, List<String> labels, String unit) {
        return output(output, OutputChannel.all(labels, unit));
    }

    /**
     * Declares that this stage emits string markers on an output stream (e.g. {@code transitions}): an
     * irregular stream with one text channel, which no stage writes numbers on.
     */
    MarkerSlot markers(String output);

    /**
     * Says which model or embedder computes this stage's results and with which weights; a stage that runs a
     * model calls it once it knows (also when a stand-in runs or the model is off). The pipeline carries it to
     * every output the stage's results reach, with {@link Provenance#notice} shown wherever they are.
     */
    void provenance(Provenance provenance);
}
