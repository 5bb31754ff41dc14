package io.kafkadr.workflows.failover;

import io.kafkadr.workflows.operation.Step;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.verify.Check;
import java.util.List;

/**
 * What a failover did, for the audit trail and {@code drctl report}: a contract, fields are
 * added, never renamed.
 *
 * @param outcome      {@code completed}, {@code rejected} (pair state), {@code aborted} (pre-checks,
 *                     approval timeout, operator) 
 * @param rtoMillis    trigger to the last producer healthy on the new cluster (-1 if not reached)
 * @param preChecks    the verification that gated a planned failover
 * @param drainedTo    source end offsets replication had copied when producers moved (planned)
 * @param lossBound    unplanned: per partition, records the old cluster was last seen to hold
 *                     beyond what the new one got; an upper bound only as of {@code lossBoundAsOfMillis}
 * @param notes        what an operator must know (fencing impossible, MM2 fallbacks, ...)
 */
public record FailoverReport(
        String operationId,
        String pair,
        String mode,
        String reason,
        String incidentId,
        String approvedBy,
        String outcome,
        String from,
        String to,
        long startedAtMillis,
        long endedAtMillis,
        long rtoMillis,
        List<Step> timeline,
        List<Check> preChecks,
        List<ClientMove> consumers,
        List<ClientMove> producers,
        List<PartitionOffset> drainedTo,
        List<PartitionOffset> lossBound,
        long lossBoundAsOfMillis,
        List<String> notes) {
}
