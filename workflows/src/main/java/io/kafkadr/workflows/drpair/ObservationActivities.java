package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The pair entity's watch on the active cluster and on the replication from it. */
@ActivityInterface
public interface ObservationActivities {

    /** End offsets of the mirrored partitions of {@code alias}; fails fast when it does not answer. */
    Observation watchActive(PairConfig pair, String alias);

    /**
     * Raises the {@code max.message.bytes} of the direction's target topics that leave less room
     * than the source's limit plus the provenance headers (idempotent: a topic that has the room is
     * left alone), and lists the direction's MM2 connectors and tasks that Connect reports FAILED.
     */
    ReplicationHealth checkReplication(PairConfig pair, Direction direction);

    /**
     * Restarts each of {@code tasks} that Connect still reports FAILED (a failed connector with
     * its failed tasks); returns the restarts made. Retry-safe: a task running again is left alone.
     */
    List<TaskRestart> restartFailed(PairConfig pair, Direction direction, List<FailedTask> tasks);
}
