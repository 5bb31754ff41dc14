package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.ClusterSnapshot;
import io.kafkadr.workflows.cluster.MirrorState;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ClusterActivities} answering scripted figures per cluster alias. */
public class FakeClusterActivities extends RecordingFake implements ClusterActivities {

    private final Map<String, List<String>> matchedTopics = new ConcurrentHashMap<>();
    private final Map<String, Answers<ClusterSnapshot>> snapshots = new ConcurrentHashMap<>();
    private volatile Answers<MirrorState> mirrorStates;

    public FakeClusterActivities matchesTopics(String alias, String... topics) {
        matchedTopics.put(alias, List.of(topics));
        return this;
    }

    /** Successive snapshots of {@code alias}, one per call; the last one repeats. */
    public FakeClusterActivities returnsSnapshots(String alias, ClusterSnapshot... inOrder) {
        snapshots.put(alias, Answers.of(inOrder));
        return this;
    }

    public FakeClusterActivities returnsMirrorStates(MirrorState... inOrder) {
        mirrorStates = Answers.of(inOrder);
        return this;
    }

    /** Aliases that {@code snapshot} was called for, in call order. */
    public List<String> snapshotAliases() {
        return calls("snapshot").stream().map(c -> (String) c.arg(0)).toList();
    }

    @Override
    public List<String> matchTopics(PairConfig pair, String alias) {
        record("matchTopics", alias);
        return matchedTopics.getOrDefault(alias, List.of());
    }

    @Override
    public ClusterSnapshot snapshot(PairConfig pair, String alias, List<String> topics, List<String> groups) {
        record("snapshot", alias, topics, groups);
        Answers<ClusterSnapshot> answers = snapshots.get(alias);
        if (answers == null) {
            throw notScripted("snapshot of " + alias);
        }
        return answers.next();
    }

    private volatile boolean reachable = true;

    private volatile List<PartitionOffset> copiedByOrigin;

    /** How far the copies on the target reach, per partition (highest upstream offset; absent: -1). */
    public FakeClusterActivities copiedByOrigin(PartitionOffset... copied) {
        copiedByOrigin = List.of(copied);
        return this;
    }

    @Override
    public List<PartitionOffset> copiedByOrigin(PairConfig pair, Direction direction, List<PartitionOffsets> partitions) {
        record("copiedByOrigin", direction, partitions);
        List<PartitionOffset> scripted = copiedByOrigin == null ? List.of() : copiedByOrigin;
        return partitions.stream().map(p -> scripted.stream()
                .filter(c -> c.topic().equals(p.topic()) && c.partition() == p.partition()).findFirst()
                .orElse(new PartitionOffset(p.topic(), p.partition(), -1))).toList();
    }

    public FakeClusterActivities unreachable() {
        reachable = false;
        return this;
    }

    @Override
    public boolean reachable(PairConfig pair, String alias) {
        record("reachable", alias);
        return reachable;
    }

    private final Map<String, Long> nonRecordOffsets = new ConcurrentHashMap<>();

    /** Offsets of {@code alias}'s partition that are no records (transaction markers, aborted records). */
    public FakeClusterActivities withNonRecordOffsets(String alias, String topic, int partition, long offsets) {
        nonRecordOffsets.put(alias + "/" + topic + "-" + partition, offsets);
        return this;
    }

    @Override
    public List<PartitionOffset> committedRecords(PairConfig pair, String alias, List<PartitionOffsets> ranges) {
        record("committedRecords", alias, ranges);
        return ranges.stream().map(r -> new PartitionOffset(r.topic(), r.partition(), Math.max(0, r.endOffset()
                - r.startOffset() - nonRecordOffsets.getOrDefault(alias + "/" + r.topic() + "-" + r.partition(), 0L))))
                .toList();
    }

    @Override
    public MirrorState mirrorState(PairConfig pair, Direction direction, List<String> groups) {
        record("mirrorState", direction, groups);
        if (mirrorStates == null) {
            throw notScripted("mirrorState");
        }
        return mirrorStates.next();
    }
}
