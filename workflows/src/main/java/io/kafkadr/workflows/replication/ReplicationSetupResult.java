package io.kafkadr.workflows.replication;

import io.kafkadr.workflows.cluster.PartitionOffset;
import java.util.List;

/**
 * What {@link ReplicationSetupWorkflow} deployed.
 *
 * @param topics             source topics the selection matched
 * @param tasksMax           {@code tasks.max} given to the connectors: the partition count,
 *                           capped by the pair's {@code replication.maxTasks}
 * @param replicationFactor  replication factor of MM2's topics on the target
 * @param skipped            with {@code startAt: end} over a gap the operator accepted: per source
 *                           partition, the records MM2 had not copied and never will; else empty
 * @param gapAccepted        who accepted that gap, why, and up to how many records; else null
 */
public record ReplicationSetupResult(
        String pair,
        String source,
        String target,
        List<String> topics,
        int tasksMax,
        int replicationFactor,
        List<ConnectorStatus> connectors,
        long startedAtMillis,
        long endedAtMillis,
        List<PartitionOffset> skipped,
        GapAcceptance gapAccepted) {

    public ReplicationSetupResult {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** A set-up that skipped nothing. */
    public ReplicationSetupResult(String pair, String source, String target, List<String> topics, int tasksMax,
                                  int replicationFactor, List<ConnectorStatus> connectors, long startedAtMillis,
                                  long endedAtMillis) {
        this(pair, source, target, topics, tasksMax, replicationFactor, connectors, startedAtMillis, endedAtMillis,
                List.of(), null);
    }
}
