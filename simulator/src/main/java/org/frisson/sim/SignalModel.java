package org.frisson.sim;

/** A simulated signal, one sample at a time, at its own rate. */
public interface SignalModel {

    /** Writes the sample at piece time {@code t} (seconds) into {@code out[offset ..]}. */
    void sample(double t, double[] out, int offset);

    int channels();
}
