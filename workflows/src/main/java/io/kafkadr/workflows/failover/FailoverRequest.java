package io.kafkadr.workflows.failover;

import io.kafkadr.workflows.common.WorkflowInput;
import io.kafkadr.workflows.pair.PairConfig;

/**
 * Input of {@link FailoverWorkflow}.
 *
 * @param pair            the pair inline, or
 * @param pairFile        a pair file on the worker's host
 * @param mode            {@code planned} (drill, maintenance) or {@code unplanned} (the primary is gone)
 * @param reason          why, for the audit trail
 * @param incidentId      the incident this failover answers (unplanned needs it or {@code force})
 * @param requireApproval wait for an approval; null means the pair's {@code failoverRequiresApproval}
 * @param force           unplanned without an incident id: the operator accepts that the
 *                        primary cannot be fenced
 */
@WorkflowInput
public record FailoverRequest(PairConfig pair, String pairFile, String mode, String reason, String incidentId,
                              Boolean requireApproval, boolean force) {

    public static final String PLANNED = "planned";
    public static final String UNPLANNED = "unplanned";
}
