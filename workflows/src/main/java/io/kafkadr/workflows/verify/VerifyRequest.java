package io.kafkadr.workflows.verify;

import io.kafkadr.workflows.common.WorkflowInput;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;

/**
 * Input of {@link VerifyReplicationWorkflow}: the pair inline ({@code pair}) or a file on the
 * worker's host ({@code pairFile}); {@code direction} defaults to primary -> secondary.
 */
@WorkflowInput
public record VerifyRequest(PairConfig pair, String pairFile, Direction direction) {
}
