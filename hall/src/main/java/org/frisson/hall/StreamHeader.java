package org.frisson.hall;

import java.util.Objects;

/** One LSL stream as an edge took it: who it belongs to and its full description. */
public record StreamHeader(String edgeId, String participant, String sourceId, String xml) {

    public StreamHeader {
        Objects.requireNonNull(edgeId, "edge_id");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(sourceId, "source_id");
        Objects.requireNonNull(xml, "xml");
    }
}
