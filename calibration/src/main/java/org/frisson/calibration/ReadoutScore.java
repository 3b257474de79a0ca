package org.frisson.calibration;

/**
 * Cross-validated readout accuracy (seed 001).
 *
 * @param window accuracy over held-out windows, 95% track-bootstrap percentile interval; n = windows
 * @param track  aggregated accuracy, a track correct when at least half of its windows are, 95% Wilson interval;
 *               n = tracks
 * @param folds  the number of folds actually used
 */
public record ReadoutScore(Accuracy window, Accuracy track, int folds) {
}
