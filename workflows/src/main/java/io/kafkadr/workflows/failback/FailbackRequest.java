package io.kafkadr.workflows.failback;

import io.kafkadr.workflows.common.WorkflowInput;
import io.kafkadr.workflows.pair.PairConfig;

/**
 * Input of {@link FailbackWorkflow}: the pair inline or as a file on the worker's host, why, and
 * whether to wait for an approval (null: the pair's {@code failoverRequiresApproval}).
 */
@WorkflowInput
public record FailbackRequest(PairConfig pair, String pairFile, String reason, Boolean requireApproval) {
}
