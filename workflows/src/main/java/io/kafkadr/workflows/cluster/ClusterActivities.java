package io.kafkadr.workflows.cluster;

import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Read-only inspection of the pair's clusters through the Kafka admin API. */
@ActivityInterface
public interface ClusterActivities {

    /** Names of the topics on {@code alias} that the pair's topic selection matches, sorted. */
    List<String> matchTopics(PairConfig pair, String alias);

    /** Broker count, topics, offsets and the groups' committed offsets on {@code alias}. */
    ClusterSnapshot snapshot(PairConfig pair, String alias, List<String> topics, List<String> groups);

    /** Whether {@code alias} answers within a few seconds (checked, never assumed). */
    boolean reachable(PairConfig pair, String alias);

    /**
     * Records in each offset range {@code [startOffset, endOffset)} of {@code alias} as
     * {@code read_committed} consumers see them (transaction markers and aborted records are no
     * records); each result's offset is the count. Reads the ranges: keep them small or rare.
     */
    List<PartitionOffset> committedRecords(PairConfig pair, String alias, List<PartitionOffsets> ranges);

    /**
     * How far MM2 had copied each of {@code partitions} (partitions of the source of
     * {@code direction}) to the target, read off the newest copies' origin headers on the target
     * (exact whatever Connect had committed; the source need not answer): per partition the highest
     * upstream offset copied, -1 when the target holds no copy. Only for pairs whose copies carry
     * their origin.
     */
    List<PartitionOffset> copiedByOrigin(PairConfig pair, Direction direction, List<PartitionOffsets> partitions);

    /** Heartbeats and checkpoints that MM2 wrote on the target of {@code direction}. */
    MirrorState mirrorState(PairConfig pair, Direction direction, List<String> groups);
}
