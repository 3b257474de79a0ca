package org.frisson.stage;

import java.util.List;
import java.util.Objects;

/**
 * One channel a stage writes on an output stream, as the stream's {@code <desc>} describes it: its label,
 * its unit and, when it differs from the output's own, its LSL channel type.
 *
 * @param label e.g. {@code ppg1.rmssd}
 * @param unit  e.g. {@code ms}, {@code bpm}, {@code microsiemens}, {@code count}; empty when dimensionless
 * @param type  the channel's type in the stream description; empty to use the output stream's type
 */
public record OutputChannel(String label, String unit, String type) {

    public OutputChannel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(type, "type");
        if (label.isBlank()) {
            throw new IllegalArgumentException("an output channel needs a label");
        }
    }

    /** A channel with the output stream's type. */
    public static OutputChannel of(String label, String unit) {
        return new OutputChannel(label, unit, "");
    }

    /** Channels that all share one unit. */
    public static List<OutputChannel> all(List<String> labels, String unit) {
        return labels.stream().map(l -> of(l, unit)).toList();
    }
}
