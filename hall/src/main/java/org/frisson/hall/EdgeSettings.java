package org.frisson.hall;

import java.util.List;

/**
 * How an edge runs.
 *
 * @param bootstrapServers  the Kafka cluster, {@code host:port[,host:port...]}
 * @param queries           LSL predicates of the streams to take; empty: every stream
 * @param edgeId            this edge's name in every record
 * @param inputPartitions   partitions of {@link HallTopics#INPUT} when the edge creates it
 * @param replication       replicas of each topic the edge creates
 * @param resolveSeconds    how often to look for streams that appeared
 */
public record EdgeSettings(String bootstrapServers, List<String> queries, String edgeId, int inputPartitions,
                           short replication, double resolveSeconds) {

    public static final int DEFAULT_PARTITIONS = 6;
    public static final short DEFAULT_REPLICATION = 1;
    public static final double DEFAULT_RESOLVE_SECONDS = 2.0;

    public EdgeSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--kafka: give the bootstrap servers, host:port");
        }
        queries = List.copyOf(queries);
        for (String q : queries) {
            if (q.isBlank()) {
                throw new IllegalArgumentException("--query: an empty predicate");
            }
        }
        if (edgeId == null || edgeId.isBlank()) {
            throw new IllegalArgumentException("--edge-id: an empty id");
        }
        if (inputPartitions < 1) {
            throw new IllegalArgumentException("--partitions must be 1 or more, not " + inputPartitions);
        }
        if (replication < 1) {
            throw new IllegalArgumentException("--replication must be 1 or more, not " + replication);
        }
        if (!(resolveSeconds > 0) || Double.isInfinite(resolveSeconds)) {
            throw new IllegalArgumentException("resolve interval must be a positive number of seconds, not " + resolveSeconds);
        }
    }

    /** Defaults for everything but the cluster, the queries and the id. */
    public static EdgeSettings of(String bootstrapServers, List<String> queries, String edgeId) {
        return new EdgeSettings(bootstrapServers, queries, edgeId, DEFAULT_PARTITIONS, DEFAULT_REPLICATION,
                DEFAULT_RESOLVE_SECONDS);
    }
}
