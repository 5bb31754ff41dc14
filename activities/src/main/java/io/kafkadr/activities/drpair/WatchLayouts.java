package io.kafkadr.activities.drpair;

import io.kafkadr.workflows.cluster.PartitionOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * What the watch knows of each active cluster between full looks: its mirrored partitions and
 * their start offsets, listed at most {@link #RELIST} ago. In between, one observation is one
 * batched listing of end offsets; a topic or partition created since shows within {@link #RELIST}.
 */
final class WatchLayouts {

    /** How long a listing of the mirrored partitions serves before the next full look. */
    static final Duration RELIST = Duration.ofSeconds(10);

    private record Layout(List<PartitionOffsets> partitions, long listedAtNanos) {
    }

    private final Map<String, Layout> layouts = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    WatchLayouts(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The partitions of {@code cluster} listed less than {@link #RELIST} ago, if any. */
    Optional<List<PartitionOffsets>> fresh(String cluster) {
        Layout l = layouts.get(cluster);
        return l == null || nanoTime.getAsLong() - l.listedAtNanos() >= RELIST.toNanos() ? Optional.empty()
                : Optional.of(l.partitions());
    }

    /** A full look at {@code cluster} found {@code partitions}. */
    void listed(String cluster, List<PartitionOffsets> partitions) {
        layouts.put(cluster, new Layout(List.copyOf(partitions), nanoTime.getAsLong()));
    }

    /** The listing of {@code cluster} no longer serves (a lookup failed: a topic deleted, a partition moved). */
    void forget(String cluster) {
        layouts.remove(cluster);
    }

    /**
     * {@code layout} with the end offsets of {@code ends}; empty when a partition of the layout
     * has no end offset there (then a full look is due).
     */
    static Optional<List<PartitionOffsets>> withEnds(List<PartitionOffsets> layout, Map<TopicPartition, Long> ends) {
        List<PartitionOffsets> observed = new ArrayList<>();
        for (PartitionOffsets p : layout) {
            Long end = ends.get(new TopicPartition(p.topic(), p.partition()));
            if (end == null) {
                return Optional.empty();
            }
            observed.add(new PartitionOffsets(p.topic(), p.partition(), Math.min(p.startOffset(), end), end));
        }
        return Optional.of(observed);
    }
}
