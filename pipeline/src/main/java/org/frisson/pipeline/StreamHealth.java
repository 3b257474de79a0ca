package org.frisson.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Health of one input stream. Written by its reader thread (clock, gaps, loss) and by the aligner
 * (samples, lateness, occupancy); read by whoever reports it. Volatile fields, each with one writer; the
 * clock-reset count, which both write, is atomic.
 */
public final class StreamHealth {

    final String name;
    final String role;
    final double nominalRate;
    final int channels;

    volatile long samples;
    volatile long gaps;
    volatile long missedSamples;
    /** Counted by the reader thread (clock jumps) and the aligner (stamps going back): atomic. */
    final AtomicLong clockResets = new AtomicLong();
    volatile long losses;
    volatile boolean lost;
    volatile double clockOffset;
    volatile double clockUncertainty = Double.NaN;
    volatile long nonFinite;
    volatile long lateSamples;
    volatile long droppedSamples;
    volatile long missingFrames;
    volatile double occupancy;
    volatile double lag = Double.NaN;
    volatile double effectiveRate = Double.NaN;
    volatile String error = "";

    StreamHealth(String name, String role, double nominalRate, int channels) {
        this.name = name;
        this.role = role;
        this.nominalRate = nominalRate;
        this.channels = channels;
    }

    public String name() {
        return name;
    }

    public String role() {
        return role;
    }

    public double nominalRate() {
        return nominalRate;
    }

    public long samples() {
        return samples;
    }

    public long gaps() {
        return gaps;
    }

    public long missedSamples() {
        return missedSamples;
    }

    public long clockResets() {
        return clockResets.get();
    }

    public long losses() {
        return losses;
    }

    public boolean lost() {
        return lost;
    }

    public double clockOffset() {
        return clockOffset;
    }

    public double clockUncertainty() {
        return clockUncertainty;
    }

    public long nonFinite() {
        return nonFinite;
    }

    public long lateSamples() {
        return lateSamples;
    }

    /** Samples overwritten in the stream's history before any frame covered them (must stay 0). */
    public long droppedSamples() {
        return droppedSamples;
    }

    public long missingFrames() {
        return missingFrames;
    }

    /** Fraction of the stream's history buffer in use. */
    public double occupancy() {
        return occupancy;
    }

    /** Seconds the stream's newest sample lags behind the local clock. */
    public double lag() {
        return lag;
    }

    /** Samples per second over the last health period. */
    public double effectiveRate() {
        return effectiveRate;
    }

    /** The last unrecoverable problem of this stream, "" if none. */
    public String error() {
        return error;
    }
}
