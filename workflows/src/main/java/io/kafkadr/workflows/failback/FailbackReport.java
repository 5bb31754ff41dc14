package io.kafkadr.workflows.failback;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.operation.Step;
import io.kafkadr.workflows.verify.Check;
import java.util.List;

/**
 * What a failback did: a contract, fields are added, never renamed.
 *
 * @param outcome          {@code completed}, {@code rejected} (pair state), {@code aborted}
 *                         (approval, convergence, operator), {@code failed}
 * @param salvaged         per partition of the primary, records quarantined on the secondary
 * @param recordsSalvaged  their sum, plus the foreign writes quarantined
 * @param convergence      the checks of reverse replication before clients moved back
 * @param finalChecks      the checks of the restored primary -> secondary replication
 * @param foreignWrites    records found in the recreated topics of the primary that were not
 *                         reverse copies (a producer nobody stopped): quarantined, and the
 *                         failback stopped before any client moved on
 * @param failoverOperationId  the unplanned failover this failback follows (null after a planned one)
 * @param failoverLossKnown    what that failover knew lost (a lower bound; null: not known), to set
 *                             beside {@code recordsSalvaged}, the truth measured here
 * @param failoverLossEstimate what that failover estimated beyond it (not a bound)
 * @param writeFence       the ACLs that kept writers other than MM2 off the primary from before the
 *                         salvage until the producers moved back (lifted on every way out), and
 *                         what could not be fenced; null where the failback ran without a fence
 */
public record FailbackReport(
        String operationId,
        String pair,
        String reason,
        String approvedBy,
        String outcome,
        long startedAtMillis,
        long endedAtMillis,
        List<Step> timeline,
        List<PartitionOffset> salvaged,
        long recordsSalvaged,
        List<String> recreatedTopics,
        List<Check> convergence,
        List<ClientMove> consumers,
        List<ClientMove> producers,
        List<Check> finalChecks,
        List<String> notes,
        List<ForeignWrites> foreignWrites,
        String failoverOperationId,
        Long failoverLossKnown,
        Long failoverLossEstimate,
        WriteFence writeFence) {

    /** A report without a write fence (reports built before fences). */
    public FailbackReport(String operationId, String pair, String reason, String approvedBy, String outcome,
                          long startedAtMillis, long endedAtMillis, List<Step> timeline, List<PartitionOffset> salvaged,
                          long recordsSalvaged, List<String> recreatedTopics, List<Check> convergence,
                          List<ClientMove> consumers, List<ClientMove> producers, List<Check> finalChecks,
                          List<String> notes, List<ForeignWrites> foreignWrites, String failoverOperationId,
                          Long failoverLossKnown, Long failoverLossEstimate) {
        this(operationId, pair, reason, approvedBy, outcome, startedAtMillis, endedAtMillis, timeline, salvaged,
                recordsSalvaged, recreatedTopics, convergence, consumers, producers, finalChecks, notes, foreignWrites,
                failoverOperationId, failoverLossKnown, failoverLossEstimate, null);
    }

    /** A report without the failover's loss figures (after a planned failover, and reports built before them). */
    public FailbackReport(String operationId, String pair, String reason, String approvedBy, String outcome,
                          long startedAtMillis, long endedAtMillis, List<Step> timeline, List<PartitionOffset> salvaged,
                          long recordsSalvaged, List<String> recreatedTopics, List<Check> convergence,
                          List<ClientMove> consumers, List<ClientMove> producers, List<Check> finalChecks,
                          List<String> notes, List<ForeignWrites> foreignWrites) {
        this(operationId, pair, reason, approvedBy, outcome, startedAtMillis, endedAtMillis, timeline, salvaged,
                recordsSalvaged, recreatedTopics, convergence, consumers, producers, finalChecks, notes, foreignWrites,
                null, null, null);
    }
}
