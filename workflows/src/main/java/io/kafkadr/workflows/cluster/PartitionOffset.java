package io.kafkadr.workflows.cluster;

/** One offset of one partition (a committed, translated or replicated position). */
public record PartitionOffset(String topic, int partition, long offset) {
}
