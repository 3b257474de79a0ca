package org.frisson.dashboards;

import java.util.List;

/**
 * What a page needs to know about one stream, input or output: its name and type, its nominal rate
 * (0 for irregular streams), its channels' labels and units, whether it carries text (markers), and the
 * notices about the models behind its values (a stand-in embedder, random-init weights, a model trained on
 * simulated listeners, a model off), which every page shows as a badge.
 */
public record StreamDescription(String name, String type, double rate, List<String> labels, List<String> units,
                                boolean text, List<String> notices) {
    public StreamDescription {
        labels = List.copyOf(labels);
        units = List.copyOf(units);
        notices = List.copyOf(notices);
        if (units.size() != labels.size()) {
            throw new IllegalArgumentException(name + ": " + labels.size() + " labels but " + units.size() + " units");
        }
    }

    /** A stream with nothing to flag. */
    public StreamDescription(String name, String type, double rate, List<String> labels, List<String> units,
                             boolean text) {
        this(name, type, rate, labels, units, text, List.of());
    }

    public int channels() {
        return labels.size();
    }
}
