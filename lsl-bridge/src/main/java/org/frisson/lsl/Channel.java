package org.frisson.lsl;

/**
 * One channel's description from a stream's {@code <desc><channels>} (XDF meta-data conventions).
 *
 * @param label e.g. {@code Fz}, {@code GSR}
 * @param unit  e.g. {@code microvolts}, {@code microsiemens}; empty when the stream does not say
 * @param type  e.g. {@code EEG}, {@code EDA}; empty when the stream does not say
 */
public record Channel(String label, String unit, String type) {
    public Channel {
        label = label == null ? "" : label;
        unit = unit == null ? "" : unit;
        type = type == null ? "" : type;
    }
}
