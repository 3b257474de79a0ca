package org.frisson.dashboards;

import java.util.List;

/**
 * What a page needs to know about one stream, input or output: its name and type, its nominal rate
 * (0 for irregular streams), its channels' labels and units, and whether it carries text (markers).
 */
public record StreamDescription(String name, String type, double rate, List<String> labels, List<String> units,
                                boolean text) {
    public StreamDescription {
        labels = List.copyOf(labels);
        units = List.copyOf(units);
        if (units.size() != labels.size()) {
            throw new IllegalArgumentException(name + ": " + labels.size() + " labels but " + units.size() + " units");
        }
    }

    public int channels() {
        return labels.size();
    }
}
