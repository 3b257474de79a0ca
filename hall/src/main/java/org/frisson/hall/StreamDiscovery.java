package org.frisson.hall;

import org.frisson.lsl.ContinuousResolver;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Watches the network for the streams an edge takes and hands out each one once, when it first appears. */
final class StreamDiscovery implements AutoCloseable {

    private static final double FORGET_AFTER_SECONDS = 5.0;

    private final List<ContinuousResolver> resolvers = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();

    /** @param queries LSL predicates; empty: every stream */
    StreamDiscovery(List<String> queries) {
        if (queries.isEmpty()) {
            resolvers.add(ContinuousResolver.all(FORGET_AFTER_SECONDS));
        } else {
            queries.forEach(q -> resolvers.add(ContinuousResolver.byPredicate(q, FORGET_AFTER_SECONDS)));
        }
    }

    /** Streams seen now that were not handed out before; the caller closes them. */
    List<StreamInfo> newStreams() {
        List<StreamInfo> out = new ArrayList<>();
        for (ContinuousResolver r : resolvers) {
            for (StreamInfo s : r.results()) {
                if (taken.add(Participants.streamKey(s))) {
                    out.add(s);
                } else {
                    s.close();
                }
            }
        }
        return out;
    }

    /** Hands the stream out again when it next appears (it could not be opened this time). */
    void forget(String streamKey) {
        taken.remove(streamKey);
    }

    @Override
    public void close() {
        resolvers.forEach(ContinuousResolver::close);
    }
}
