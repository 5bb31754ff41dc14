package io.kafkadr.activities.connect;

import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;

/**
 * The target topics of a direction as MM2's copies need them: each topic's {@code
 * max.message.bytes} at least the source topic's plus the room the provenance headers take
 * ({@link TopicLimits}), since MM2 no longer syncs that key ({@link MirrorConnectorConfigs#NOT_SYNCED}).
 */
public interface TargetTopics {

    /**
     * Before the source connector starts: creates the target topics MM2 would create (the
     * source's partitions and synced configs, the given replication factor) with that limit, and
     * raises it on existing ones where lower. Idempotent. Returns what it changed, one line each.
     */
    List<String> prepare(PairConfig pair, Direction direction, int replicationFactor);

    /** Raises the limit of existing target topics where lower (MM2 created them, or someone lowered it); creates nothing. */
    List<String> raiseLimits(PairConfig pair, Direction direction);
}
