package org.frisson.stage;

import java.util.List;

/** What a stage sees while it is configured. */
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
     * The stage called {@code stage}, which must come earlier in the config and be a {@code type} (a
     * {@link VectorSource}, for instance), to read its results in the same frame.
     *
     * @throws StageConfigException when there is no such earlier stage or it is not a {@code type}
     */
    <T> T upstream(String stage, Class<T> type);

    /**
     * The one stream bound to {@code role}, with the history the stage needs.
     *
     * @param windowSeconds length of the window ending at the frame time that {@link Frame#window} returns
     * @throws StageConfigException when no input has that role, or it binds several streams
     */
    InputRef input(String role, double windowSeconds);

    /** Every stream bound to {@code role} (one per participant, for instance); empty when the role is not configured. */
    List<InputRef> inputs(String role, double windowSeconds);

    /**
     * Declares channels this stage writes on an output stream (e.g. {@code features}); the output's LSL
     * stream gets one channel per label, in declaration order across stages.
     */
    OutputSlot output(String output, List<String> labels, String unit);

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
