package io.kafkadr.activities.handover;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions of a consumer group have no committed offset to hand over: the decision behind
 * the {@code uncommitted} placements, kept apart from Kafka so it can be tested alone. A group
 * reads every partition of the topics it has committed offsets in (a consumer subscribes to
 * topics, not partitions: kcat and manual-commit apps never commit a partition they have not read
 * from yet) and of the topics the pair names for it; of those, only the pair's mirrored topics
 * can be handed over.
 */
public final class UncommittedPartitions {

    private UncommittedPartitions() {
    }

    /**
     * The topics to look at: those of {@code committed} and {@code named}, among {@code mirrored}
     * (the pair's topics as they exist on the source), sorted.
     */
    public static List<String> topics(Collection<TopicPartition> committed, Collection<String> named,
                                      Collection<String> mirrored) {
        Set<String> topics = new TreeSet<>(committed.stream().map(TopicPartition::topic).collect(Collectors.toSet()));
        topics.addAll(named);
        topics.retainAll(Set.copyOf(mirrored));
        return List.copyOf(topics);
    }

    /**
     * Every partition of {@code partitionCounts} (topic to its partition count) without an entry in
     * {@code committed}, in topic and partition order.
     */
    public static List<TopicPartition> of(Collection<TopicPartition> committed, Map<String, Integer> partitionCounts) {
        Set<TopicPartition> done = Set.copyOf(committed);
        List<TopicPartition> open = new ArrayList<>();
        new TreeSet<>(partitionCounts.keySet()).forEach(topic -> {
            for (int p = 0; p < partitionCounts.get(topic); p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                if (!done.contains(tp)) {
                    open.add(tp);
                }
            }
        });
        return open;
    }
}
