package io.kafkadr.workflows.drpair;

/** How fast a partition was seen to grow, records per second (a decaying maximum). */
public record PartitionRate(String topic, int partition, double recordsPerSecond) {
}
