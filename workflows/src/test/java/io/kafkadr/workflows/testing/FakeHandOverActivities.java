package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.handover.HandOverActivities;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link HandOverActivities} answering scripted hand-overs per group and scripted drained offsets. */
public class FakeHandOverActivities extends RecordingFake implements HandOverActivities {

    private final Map<String, List<OffsetHandOver>> handOvers = new ConcurrentHashMap<>();
    private final Map<String, List<PartitionOffset>> uncommittedStarts = new ConcurrentHashMap<>();
    private final Map<String, List<PartitionOffset>> handedUncommitted = new ConcurrentHashMap<>();
    private volatile List<PartitionOffset> drainedTo;

    /** The uncommitted starts the workflow passed to {@code group}'s hand-over (none: empty). */
    public List<PartitionOffset> uncommittedHandedOver(String group) {
        return handedUncommitted.getOrDefault(group, List.of());
    }

    public FakeHandOverActivities handsOver(String group, OffsetHandOver... partitions) {
        handOvers.put(group, List.of(partitions));
        return this;
    }

    public FakeHandOverActivities drainsTo(PartitionOffset... sourceEndOffsets) {
        drainedTo = List.of(sourceEndOffsets);
        return this;
    }

    @Override
    public void awaitGroupEmpty(PairConfig pair, String cluster, String group) {
        record("awaitGroupEmpty", cluster, group);
    }

    /** Where the scripted group's client would start in partitions it never committed: none unless scripted. */
    @Override
    public Map<String, List<PartitionOffset>> uncommittedStarts(PairConfig pair, Direction direction,
                                                                 List<ClientRef> groups) {
        List<String> names = groups.stream().map(ClientRef::name).toList();
        record("uncommittedStarts", direction, String.join(",", names));
        Map<String, List<PartitionOffset>> starts = new java.util.HashMap<>();
        names.forEach(g -> starts.put(g, uncommittedStarts.getOrDefault(g, List.of())));
        return starts;
    }

    public FakeHandOverActivities uncommittedAt(String group, PartitionOffset... positions) {
        uncommittedStarts.put(group, List.of(positions));
        return this;
    }

    @Override
    public List<OffsetHandOver> handOver(PairConfig pair, Direction direction, String group, boolean sourceReachable,
                                         List<PartitionOffset> uncommitted) {
        if (uncommitted != null && !uncommitted.isEmpty()) {
            handedUncommitted.put(group, uncommitted);
        }
        record("handOver", direction, group, sourceReachable);
        List<OffsetHandOver> answer = handOvers.get(group);
        if (answer == null) {
            throw notScripted("handOver of " + group);
        }
        return answer;
    }

    /** Hands back with the answer scripted for {@link #handOver}, marked {@code kept}. */
    @Override
    public List<OffsetHandOver> handBack(PairConfig pair, Direction direction, String group) {
        record("handBack", direction, group);
        List<OffsetHandOver> answer = handOvers.get(group);
        if (answer == null) {
            throw notScripted("handBack of " + group);
        }
        return answer.stream().map(o -> new OffsetHandOver(o.targetTopic(), o.topic(), o.partition(), o.targetOffset(),
                -1, o.sourceCommitted(), OffsetHandOver.KEPT)).toList();
    }

    @Override
    public List<PartitionOffset> awaitDrained(PairConfig pair, Direction direction) {
        record("awaitDrained", direction);
        if (drainedTo == null) {
            throw notScripted("awaitDrained");
        }
        return drainedTo;
    }
}
