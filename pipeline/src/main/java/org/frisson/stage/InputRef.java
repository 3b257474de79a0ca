package org.frisson.stage;

import java.util.List;

/**
 * A handle on one input stream, obtained at configure time and used to fetch its window per frame.
 *
 * @param index    the stream's position in the pipeline (used internally for fast lookup)
 * @param role     the config role it is bound to (e.g. {@code eeg})
 * @param name     the LSL stream name
 * @param rate     nominal samples per second, 0 for irregular streams
 * @param labels   channel labels
 * @param units    channel units (empty strings where the stream does not say)
 * @param text     whether values are strings (markers)
 */
public record InputRef(int index, String role, String name, double rate, List<String> labels, List<String> units,
                       boolean text) {

    public int channels() {
        return labels.size();
    }
}
