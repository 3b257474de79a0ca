package org.frisson.pipeline;

/**
 * One channel a stage writes, as the pipeline laid it out: which stage (its name in the config and its kind),
 * which output stream it went to, and its label and unit there. This is how tools that read a pipeline's
 * results (calibration, say) find a stage's channels without knowing how the stage names them.
 *
 * @param stage  the stage's name in the config, e.g. {@code eda}
 * @param kind   the stage's kind, e.g. {@code eda}, {@code heart_rate}
 * @param output the output stream's name, e.g. {@code frisson.features}
 * @param label  the channel's label on that stream, e.g. {@code GSR.phasic}
 * @param unit   the channel's unit, e.g. {@code microsiemens}; "" when it has none
 */
public record StageChannel(String stage, String kind, String output, String label, String unit) {
}
