package io.kafkadr.workflows.drpair;

/** An operation asking for the pair's lock. Asking again with the same id is granted again. */
public record LockRequest(String operationId, String type, long requestedAtMillis) {
}
