package io.kafkadr.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.workflows.common.Progress;

/**
 * An operation's run as Temporal knows it.
 *
 * @param status   {@code running}, {@code completed}, {@code failed}, {@code terminated}, ... ({@link OperationListing#status})
 * @param progress the step it is in (its {@code progress} query), or null when it does not answer
 * @param result   its stored result (the report) once completed, else null
 */
public record OperationState(String id, String operation, String pair, String status, long startedAtMillis,
                             long closedAtMillis, Progress progress, JsonNode result) {
}
