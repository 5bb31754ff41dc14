package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.pair.Direction;
import java.util.List;

/**
 * The pair as its entity workflow knows it, derived only from the events in its history.
 *
 * @param active          alias of the cluster clients use
 * @param replication     the direction MM2 replicates in, or null when none is deployed
 * @param inFlight        the mutating operation holding the lock, or null
 * @param past            the most recent finished operations, newest last
 * @param lastKnownSource end offsets of the active cluster's mirrored partitions, last seen at
 *                        {@code observedAtMillis} (basis of the loss bound of an unplanned failover)
 */
public record PairState(
        String pair,
        String active,
        Direction replication,
        OperationRef inFlight,
        List<OperationRef> past,
        List<PartitionOffsets> lastKnownSource,
        long observedAtMillis) {

    public PairState {
        past = past == null ? List.of() : List.copyOf(past);
        lastKnownSource = lastKnownSource == null ? List.of() : List.copyOf(lastKnownSource);
    }
}
