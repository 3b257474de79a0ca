package org.frisson.dashboards;

/**
 * Health of one input stream as the experimenter's table shows it. Rates in Hz, times in seconds,
 * counts since the start; {@code losses} counts how often the stream was lost (each later recovery
 * clears {@code lost}).
 */
public record HealthRow(String name, String role, double nominalRate, double effectiveRate, long samples, long gaps,
                        long missedSamples, double clockOffset, double clockUncertainty, long clockResets, double lag,
                        double occupancy, long lateSamples, long droppedSamples, long nonFinite, long missingFrames,
                        long losses, boolean lost, String error) {
}
