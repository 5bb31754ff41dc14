package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.pair.Direction;

/**
 * An operation giving the lock back, with the pair's new state when it changed it.
 *
 * @param active      new active cluster, or null if unchanged
 * @param replication new replication direction; ignored unless {@code replicationChanged}
 */
public record Release(String operationId, String outcome, String active, boolean replicationChanged,
                      Direction replication, long releasedAtMillis) {
}
