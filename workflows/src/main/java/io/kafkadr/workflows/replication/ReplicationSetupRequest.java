package io.kafkadr.workflows.replication;

import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;

/**
 * Input of {@link ReplicationSetupWorkflow}. Give the pair inline ({@code pair}) or as a file
 * on the worker's host ({@code pairFile}); {@code direction} defaults to primary -> secondary.
 */
public record ReplicationSetupRequest(PairConfig pair, String pairFile, Direction direction) {
}
