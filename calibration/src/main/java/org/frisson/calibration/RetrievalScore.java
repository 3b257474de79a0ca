package org.frisson.calibration;

/**
 * Retrieval in the common space ({@link Retrieval}): precision at {@code k}, mean average precision, their chance
 * level, and the queries scored (those with a relevant item).
 */
public record RetrievalScore(double precisionAtK, double meanAveragePrecision, double chance, int k, int queries) {
}
