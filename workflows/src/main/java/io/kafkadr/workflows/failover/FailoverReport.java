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
 * @param lossBound    unplanned, kept for tools that read it: {@code lossKnown} by how far MM2 had
 *                     copied (the copies' provenance; MM2's committed offsets without it, a note
 *                     says which) plus {@code lossEstimate}; NOT a bound (deprecated)
 * @param lossBoundAsOfMillis when the pair entity last observed the old cluster (the observation
 *                     {@code lossKnown} and {@code lossEstimate} start from)
 * @param notes        what an operator must know (fencing impossible, MM2 fallbacks, ...)
 * @param lossKnown    unplanned: per partition, records the old cluster was last seen to hold that
 *                     the new one holds no copy of (by the copies' origin headers): known lost, a
 *                     lower bound; null when unknown (copies without origin, never observed)
 * @param lossEstimate unplanned: per partition, what the old cluster may have taken beyond that:
 *                     its peak rate times {@code lossEstimateWindowMillis}; an estimate, not a bound
 * @param lossEstimateWindowMillis the silence the estimate covers (last observation to the later of
 *                     losing the old cluster and moving the last producer)
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
        List<String> notes,
        List<PartitionOffset> lossKnown,
        List<PartitionOffset> lossEstimate,
        long lossEstimateWindowMillis) {

    /** A report without the separated loss figures (planned failovers, and reports built before them). */
    public FailoverReport(String operationId, String pair, String mode, String reason, String incidentId,
                          String approvedBy, String outcome, String from, String to, long startedAtMillis,
                          long endedAtMillis, long rtoMillis, List<Step> timeline, List<Check> preChecks,
                          List<ClientMove> consumers, List<ClientMove> producers, List<PartitionOffset> drainedTo,
                          List<PartitionOffset> lossBound, long lossBoundAsOfMillis, List<String> notes) {
        this(operationId, pair, mode, reason, incidentId, approvedBy, outcome, from, to, startedAtMillis, endedAtMillis,
                rtoMillis, timeline, preChecks, consumers, producers, drainedTo, lossBound, lossBoundAsOfMillis, notes,
                null, List.of(), 0);
    }
}
