package io.kafkadr.workflows.testing;

import static io.kafkadr.workflows.testing.Pairs.GROUP;
import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static io.kafkadr.workflows.testing.Pairs.TOPIC;
import static io.kafkadr.workflows.testing.Snapshots.offset;
import static io.kafkadr.workflows.testing.Snapshots.snapshot;

import io.kafkadr.workflows.cluster.ClusterSnapshot;
import io.kafkadr.workflows.cluster.GroupOffsets;
import io.kafkadr.workflows.cluster.MirrorState;
import io.kafkadr.workflows.cluster.PartitionOffset;
import java.util.List;

/**
 * Figures of a quiet, fully replicated {@link Pairs#pair()} (identity policy): {@code orders}
 * has one partition holding offsets 0..99 on both clusters, MM2 committed source offset 99,
 * {@code orders-app} committed 100 on the source and MM2 checkpointed and synced it.
 */
public final class Figures {

    public static final long RECORDS = 100;

    private Figures() {
    }

    public static ClusterSnapshot source() {
        return snapshot(PRIMARY).brokers(3).topic(TOPIC, 1).partition(TOPIC, 0, 0, RECORDS)
                .group(GROUP, offset(TOPIC, 0, RECORDS)).build();
    }

    /** The target holding {@code records} of the source's {@link #RECORDS}. */
    public static ClusterSnapshot target(long records) {
        return snapshot(SECONDARY).brokers(3).topic(TOPIC, 1).partition(TOPIC, 0, 0, records)
                .group(GROUP, offset(TOPIC, 0, records)).build();
    }

    public static ClusterSnapshot target() {
        return target(RECORDS);
    }

    public static List<PartitionOffset> allReplicated() {
        return List.of(offset(TOPIC, 0, RECORDS - 1));
    }

    public static MirrorState freshMirror() {
        return new MirrorState(Snapshots.TAKEN_AT, 2_000, List.of(checkpoint(offset(TOPIC, 0, RECORDS))));
    }

    public static GroupOffsets checkpoint(PartitionOffset... translated) {
        return new GroupOffsets(GROUP, List.of(translated));
    }

    /** Scripts the fakes with these figures, every round the same. */
    public static void healthy(FakeClusterActivities cluster, FakeConnectActivities connect) {
        cluster.matchesTopics(PRIMARY, TOPIC)
                .returnsSnapshots(PRIMARY, source())
                .returnsSnapshots(SECONDARY, target())
                .returnsMirrorStates(freshMirror());
        connect.returnsReplicatedOffsets(allReplicated());
    }
}
