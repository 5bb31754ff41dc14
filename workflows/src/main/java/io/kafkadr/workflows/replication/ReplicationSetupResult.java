package io.kafkadr.workflows.replication;

import java.util.List;

/**
 * What {@link ReplicationSetupWorkflow} deployed.
 *
 * @param topics             source topics the selection matched
 * @param tasksMax           {@code tasks.max} given to the connectors: the partition count,
 *                           capped by the pair's {@code replication.maxTasks}
 * @param replicationFactor  replication factor of MM2's topics on the target
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
        long endedAtMillis) {
}
