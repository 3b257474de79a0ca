package org.frisson.pipeline;

import org.frisson.stage.OutputChannel;

import java.util.List;

/**
 * Health the pipeline does not measure itself but publishes with its own on {@code frisson.health}: a device the
 * run opened (battery, signal quality, dropped packets, reconnections), say. Its channels follow the streams' and
 * stages', labelled {@code <name>.<channel label>}. {@link #read} is called once per health period on the aligner
 * thread and must not block or allocate.
 */
public interface HealthProbe {

    /** What is probed, as the channel labels' prefix (e.g. {@code muse_s}). */
    String name();

    /** The channels, in the order {@link #read} writes them. */
    List<OutputChannel> channels();

    /** Writes the current values into {@code into[from]}, {@code into[from + 1]}, ... (NaN for unknown). */
    void read(double[] into, int from);
}
