package io.kafkadr.activities.kafka;

import static io.kafkadr.activities.kafka.KafkaFailures.await;

import io.kafkadr.workflows.pair.ClusterConfig;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** One listing of offsets of many partitions in one admin call. */
public final class ListedOffsets {

    private ListedOffsets() {
    }

    /** {@code spec} offsets of {@code partitions} of {@code cluster}, in one listing ({@code what}: for errors). */
    public static Map<TopicPartition, Long> of(Admin admin, ClusterConfig cluster, Collection<TopicPartition> partitions,
                                               OffsetSpec spec, String what) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (partitions.isEmpty()) {
            return offsets;
        }
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        partitions.forEach(tp -> wanted.put(tp, spec));
        await(admin.listOffsets(wanted).all(), cluster, what).forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }
}
