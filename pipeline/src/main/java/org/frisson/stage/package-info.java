/**
 * The stage contract: how features and models plug into the pipeline.
 *
 * <p>A {@link org.frisson.stage.Stage} is configured once through a {@link org.frisson.stage.StageContext}:
 * it declares its inputs ({@link org.frisson.stage.InputRef}, each with the window it needs), reads its
 * {@link org.frisson.stage.Params} through the {@link org.frisson.stage.Parameter}s it declares (the pipeline
 * checks the config against them before any stage is configured), declares its outputs
 * ({@link org.frisson.stage.OutputSlot} with one {@link org.frisson.stage.OutputChannel} and unit per channel,
 * {@link org.frisson.stage.MarkerSlot} for markers), says what model computes its numbers
 * ({@link org.frisson.stage.Provenance}), and gets the pipeline's log ({@link java.lang.System.Logger}),
 * Frisson's home directory and its meters ({@link org.frisson.stage.StageMeters}). Then it turns each aligned
 * {@link org.frisson.stage.Frame} into output values, on the pipeline's thread, allocating nothing.
 *
 * <p>A frame offers each input twice, as {@link org.frisson.stage.StreamWindow}s onto the same history: the
 * window ending at the frame's time ({@link org.frisson.stage.Frame#window}), for stages that compute over
 * recent samples, and the samples no earlier frame held ({@link org.frisson.stage.Frame#newSamples}, with
 * {@link org.frisson.stage.Frame#restarted} after a clock reset), for stages that feed streaming processors
 * each sample exactly once.
 *
 * <p>Stages run in config order; one reads an earlier stage's newest result in the same frame through the
 * {@link org.frisson.stage.LatestResult} that stage published ({@link org.frisson.stage.StageContext#publish},
 * {@link org.frisson.stage.StageContext#upstream(String)}). Nothing here knows about LSL or the ring.
 */
package org.frisson.stage;
