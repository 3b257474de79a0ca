/**
 * The stage contract: how features and models plug into the pipeline. A {@link org.frisson.stage.Stage}
 * declares its inputs, parameters and outputs once, then turns each aligned
 * {@link org.frisson.stage.Frame} into output values ({@link org.frisson.stage.OutputSlot}) and, when
 * something happens, markers ({@link org.frisson.stage.MarkerSlot}). Nothing here knows about LSL, threads or files.
 */
package org.frisson.stage;
