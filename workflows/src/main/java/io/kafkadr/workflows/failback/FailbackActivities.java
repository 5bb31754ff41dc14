package io.kafkadr.workflows.failback;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The destructive half of a failback, made safe. */
@ActivityInterface
public interface FailbackActivities {

    /** Prefix of the quarantine topics on the surviving cluster: {@code _dr.orphans.<topic>}. */
    String QUARANTINE_PREFIX = "_dr.orphans.";

    /**
     * Copies every record of {@code direction.source()}'s mirrored partitions beyond
     * {@code copiedUpTo} (what MM2 had copied when replication was removed) to
     * {@code _dr.orphans.<topic>} on {@code direction.target()}, same partition, with the
     * original topic, partition, offset and timestamp in headers. Idempotent: continues after
     * what an earlier attempt copied. Returns, per partition, how many records are quarantined.
     * {@code quarantineSince} (epoch ms; 0: unknown): nothing of these partitions was quarantined
     * before it (the start of the failover that left them behind), so the quarantine is read back
     * from its end only that far, not from its beginning.
     */
    List<PartitionOffset> salvage(PairConfig pair, Direction direction, List<PartitionOffset> copiedUpTo,
                                  long quarantineSince);

    /**
     * Deletes the mirrored data topics on {@code direction.target()} (never internal topics),
     * waits until they are gone, and recreates them with the partition count and topic configs
     * they have on {@code direction.source()}. Returns the topics recreated. Fences first: refuses,
     * deleting nothing, while a group of the pair has members on {@code direction.target()} or
     * while it holds a record beyond {@code copiedUpTo} that is neither on the source nor
     * quarantined (written after the salvage: a new failback salvages it). {@code quarantineSince}:
     * as for {@link #salvage}.
     */
    List<String> recreateTopics(PairConfig pair, Direction direction, List<PartitionOffset> copiedUpTo,
                                long quarantineSince);

    /**
     * Reads {@code topics} on {@code back.target()} (the primary, recreated by
     * {@link #recreateTopics}) from {@code from} (per partition; absent: the beginning) to their
     * end offsets, and quarantines on {@code back.source()} every record that is not a reverse
     * copy (its provenance names another cluster than {@code back.source()}, or none): a producer
     * nobody stopped wrote it there after the recreation. Returns where the read ended and the
     * runs of such records; with provenance off it cannot tell and says so. {@code quarantineSince}:
     * as for {@link #salvage}.
     */
    RecreatedCheck checkRecreated(PairConfig pair, Direction back, List<String> topics, List<PartitionOffset> from,
                                  long quarantineSince);

    /**
     * Fences writes to the pair's data topics on {@code alias}: a DENY WRITE ACL for every principal
     * an ALLOW lets write them, except the pair's own (the principal of its credentials for that
     * cluster: MM2's and the orchestrator's), so a stray producer is refused while MM2 copies on.
     * Where the cluster has no authorizer, or a topic cannot be fenced without stopping MM2, the
     * answer says so and nothing is added. Idempotent; ACLs that existed before are not in the
     * answer (they are not the fence's to lift).
     */
    WriteFence fenceWrites(PairConfig pair, String alias);

    /** Removes exactly the ACLs of {@code fence}; idempotent (ACLs already gone are skipped). */
    void liftFence(PairConfig pair, WriteFence fence);
}
