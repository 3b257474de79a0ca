/**
 * Per-subject calibration: labelled windows, subject-specific readouts, layer-wise encoding models and
 * the profile directory they are written to. No threads, no LSL.
 */
package org.frisson.calibration;
