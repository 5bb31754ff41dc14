package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.pair.Direction;
import java.util.List;

/**
 * An operation giving the lock back, with the pair's new state when it changed it.
 *
 * @param active      new active cluster, or null if unchanged
 * @param replication new replication direction; ignored unless {@code replicationChanged}
 * @param copiedUpTo  when replication was removed: per source partition, the last offset MM2
 *                    had copied (what a later failback must salvage beyond); null if unchanged
 * @param loss        an unplanned failover's loss figures (null otherwise): what the next failback
 *                    reports beside what it measures
 */
public record Release(String operationId, String outcome, String active, boolean replicationChanged,
                      Direction replication, long releasedAtMillis, List<PartitionOffset> copiedUpTo,
                      LossSummary loss) {

    public Release(String operationId, String outcome, String active, boolean replicationChanged,
                   Direction replication, long releasedAtMillis, List<PartitionOffset> copiedUpTo) {
        this(operationId, outcome, active, replicationChanged, replication, releasedAtMillis, copiedUpTo, null);
    }

    public Release(String operationId, String outcome, String active, boolean replicationChanged,
                   Direction replication, long releasedAtMillis) {
        this(operationId, outcome, active, replicationChanged, replication, releasedAtMillis, null);
    }
}
