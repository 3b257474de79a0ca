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
}
