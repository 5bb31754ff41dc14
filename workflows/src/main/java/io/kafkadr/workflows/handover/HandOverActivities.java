package io.kafkadr.workflows.handover;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.Map;

/** Moving a consumer group's position and a producer's data from one cluster to the other. */
@ActivityInterface
public interface HandOverActivities {

    /** Waits until {@code group} has no member left on {@code cluster}. */
    void awaitGroupEmpty(PairConfig pair, String cluster, String group);

    /**
     * Before an application's {@code groups} stop on the source of {@code direction}, by group
     * name: for each partition of the topics a group reads (those it committed offsets in, plus
     * {@link ClientRef#topics}) that it has no committed offset for, where its client would start
     * there now ({@link ClientRef#uncommittedStart}: the end, or the log start). {@link #handOver}
     * places those partitions at the copies of these positions. Read-only: running it twice
     * changes nothing.
     */
    Map<String, List<PartitionOffset>> uncommittedStarts(PairConfig pair, Direction direction, List<ClientRef> groups);

    /**
     * Computes where {@code group} resumes on the target of {@code direction} and commits it
     * there (the group must be empty there): for each partition, the last record the group
     * consumed on the source is found on the target by content, scanning forward from MM2's
     * translated offset; MM2's translation is the fallback when no record matches.
     * {@code uncommitted}: {@link #uncommittedStarts} taken before the stop (null in runs recorded
     * before it existed): a partition still without committed offset is placed at the copy of that
     * position ({@code uncommitted}).
     */
    List<OffsetHandOver> handOver(PairConfig pair, Direction direction, String group, boolean sourceReachable,
                                  List<PartitionOffset> uncommitted);

    /**
     * Puts {@code group} back on the target of {@code direction} after it had moved to the
     * source, whose records are copies that replication made from the target (an aborted
     * failback): for each partition the last record the group consumed on the source is found on
     * the target by content. Where none matches, the group keeps the offset it had committed on
     * the target before it moved ({@code kept}: it may re-read records, never skip one). Commits
     * on the target; the group must be empty there.
     */
    List<OffsetHandOver> handBack(PairConfig pair, Direction direction, String group);

    /**
     * Waits until MM2 has copied every record of the source's mirrored partitions (judged by how
     * far MM2 has copied, {@code ConnectActivities#replicatedOffsets}: the copies' provenance on
     * the target, no wait for Connect's offset flush; MM2's committed source offsets without it;
     * its progress names the basis). Returns the source end offsets it drained to.
     */
    List<PartitionOffset> awaitDrained(PairConfig pair, Direction direction);
}
