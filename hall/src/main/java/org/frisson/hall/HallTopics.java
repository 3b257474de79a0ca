package org.frisson.hall;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** The topics of a hall and their creation. */
public final class HallTopics {

    /** Compacted, keyed by source_id: the latest {@link StreamHeader} of every stream. */
    public static final String STREAMS = "frisson.streams";
    /** Keyed by participant, so that one participant's streams share a partition: {@link Chunk}s. */
    public static final String INPUT = "frisson.input";

    private HallTopics() {
    }

    /** Creates whichever of the topics is missing; existing ones are left as they are. */
    public static void ensure(Admin admin, int inputPartitions, short replication) {
        if (inputPartitions < 1) {
            throw new IllegalArgumentException("partitions must be 1 or more, not " + inputPartitions);
        }
        if (replication < 1) {
            throw new IllegalArgumentException("replication must be 1 or more, not " + replication);
        }
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(STREAMS)) {
                missing.add(new NewTopic(STREAMS, 1, replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            if (!existing.contains(INPUT)) {
                missing.add(new NewTopic(INPUT, inputPartitions, replication));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().values().forEach(HallTopics::awaitCreated);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("listing topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the hall's topics", e);
        }
    }

    private static void awaitCreated(org.apache.kafka.common.KafkaFuture<Void> created) {
        try {
            created.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {  // another edge created it meanwhile
                throw new IllegalStateException("creating a hall topic: " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the hall's topics", e);
        }
    }
}
