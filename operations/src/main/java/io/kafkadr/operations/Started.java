package io.kafkadr.operations;

import io.temporal.client.WorkflowStub;

/**
 * A start (or join) of an operation workflow.
 *
 * @param created true when this call started the run, false when it joined one that ran (or ran before)
 */
public record Started(WorkflowStub stub, String workflowId, boolean created) {
}
