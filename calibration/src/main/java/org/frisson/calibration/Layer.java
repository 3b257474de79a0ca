package org.frisson.calibration;

/**
 * One layer's stimulus features on the analysis grid, {@code values[time][dim]}, every row the same width and
 * finite. Depth 0 is a baseline (acoustic descriptors); depths 1..L are an audio network's layers in order
 * (seed 000: the layer profile runs along the network).
 */
public record Layer(String name, int depth, double[][] values) {

    public Layer {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("layer: name is empty");
        }
        if (depth < 0) {
            throw new IllegalArgumentException("layer " + name + ": depth must be >= 0, got " + depth);
        }
        Checks.width(values, "layer " + name + " values");
        Checks.finite(values, "layer " + name + " values");
    }
}
