package org.frisson.hall;

import java.util.Objects;

/**
 * Consecutive samples of one stream as an edge published them: the stamps as the outlet sent them and as
 * mapped onto the edge's clock with the time correction used.
 */
public record Chunk(String edgeId, String participant, String sourceId, long sequence, int channelCount,
                    double[] sourceStamps, double[] edgeStamps, double clockOffset, double clockUncertainty,
                    SampleValues values) {

    public Chunk {
        Objects.requireNonNull(edgeId, "edge_id");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(sourceId, "source_id");
        Objects.requireNonNull(sourceStamps, "source_stamps");
        Objects.requireNonNull(edgeStamps, "edge_stamps");
        Objects.requireNonNull(values, "values");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be 0 or more, not " + sequence);
        }
        if (channelCount < 1) {
            throw new IllegalArgumentException("channel_count must be 1 or more, not " + channelCount);
        }
        if (edgeStamps.length != sourceStamps.length) {
            throw new IllegalArgumentException("edge_stamps has " + edgeStamps.length + " stamps, source_stamps "
                    + sourceStamps.length);
        }
        if (values.length() != (long) sourceStamps.length * channelCount) {
            throw new IllegalArgumentException("values has " + values.length() + " values, not " + sourceStamps.length
                    + " samples of " + channelCount + " channels");
        }
    }

    public int samples() {
        return sourceStamps.length;
    }
}
