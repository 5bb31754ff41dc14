package io.kafkadr.workflows.drpair;

/**
 * An operation that held (or holds) the pair's lock.
 *
 * @param id       workflow id of the operation
 * @param type     {@code failover}, {@code failback}, ...
 * @param outcome  {@code running} while in flight, then what its release said
 */
public record OperationRef(String id, String type, long startedAtMillis, long endedAtMillis, String outcome) {
}
