package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.failback.FailbackActivities;
import io.kafkadr.workflows.failback.ForeignWrites;
import io.kafkadr.workflows.failback.RecreatedCheck;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link FailbackActivities} that salvages a scripted count, recreates the pair's topics and finds
 * scripted foreign writes in them (none unless told); every check reads partition 0 of each topic
 * up to {@link Figures#RECORDS} plus the check's number.
 */
public class FakeFailbackActivities extends RecordingFake implements FailbackActivities {

    private volatile List<PartitionOffset> salvaged = List.of();
    private final Map<Integer, List<ForeignWrites>> foreignAtCheck = new ConcurrentHashMap<>();

    public FakeFailbackActivities salvages(PartitionOffset... perPartition) {
        salvaged = List.of(perPartition);
        return this;
    }

    /** The {@code check}th read of the recreated topics (from 1) finds {@code runs}. */
    public FakeFailbackActivities findsForeignAt(int check, ForeignWrites... runs) {
        foreignAtCheck.put(check, List.of(runs));
        return this;
    }

    /** The {@code quarantineSince} of every call, in call order. */
    public final List<Long> quarantineSince = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public List<PartitionOffset> salvage(PairConfig pair, Direction direction, List<PartitionOffset> copiedUpTo,
                                        long quarantineSince) {
        this.quarantineSince.add(quarantineSince);
        record("salvage", direction, copiedUpTo);
        return salvaged;
    }

    @Override
    public List<String> recreateTopics(PairConfig pair, Direction direction, List<PartitionOffset> copiedUpTo,
                                       long quarantineSince) {
        this.quarantineSince.add(quarantineSince);
        record("recreateTopics", direction);
        return pair.topics().names();
    }

    @Override
    public RecreatedCheck checkRecreated(PairConfig pair, Direction back, List<String> topics, List<PartitionOffset> from,
                                         long quarantineSince) {
        this.quarantineSince.add(quarantineSince);
        record("checkRecreated", back, topics, from);
        int check = calls("checkRecreated").size();
        return new RecreatedCheck(upTo(topics, check), foreignAtCheck.getOrDefault(check, List.of()), null);
    }

    /** The fence {@link #fenceWrites} answers: none added unless a test sets one. */
    public io.kafkadr.workflows.failback.WriteFence fence;

    @Override
    public io.kafkadr.workflows.failback.WriteFence fenceWrites(PairConfig pair, String alias) {
        record("fenceWrites", alias);
        return fence != null ? fence : new io.kafkadr.workflows.failback.WriteFence(alias, List.of(),
                List.of("'" + alias + "' has no authorizer"), false);
    }

    @Override
    public void liftFence(PairConfig pair, io.kafkadr.workflows.failback.WriteFence fence) {
        record("liftFence", fence);
    }

    /** Where the {@code check}th read of {@code topics} ends. */
    public static List<PartitionOffset> upTo(List<String> topics, int check) {
        return topics.stream().map(t -> new PartitionOffset(t, 0, Figures.RECORDS + check)).toList();
    }
}
