package io.kafkadr.bench;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One run of the failover benchmark: a fresh topic, a producer and {@code groups} consumer groups
 * of its own, all starting on the primary.
 *
 * @param variant {@code runbook-safe}, {@code runbook-fast} or {@code kafka-dr}
 * @param runId   unique per run: names the topic, producer, connectors and pair
 */
record BenchSetup(String variant, String runId, int groups, int partitions, int rate, String from, String to) {

    static final String GROUP_PREFIX = "bench-g";

    String topic() {
        return "bench.failover." + runId + ".orders";
    }

    String producer() {
        return "bench-" + runId;
    }

    /** Connector names of the run start with this (the scripted runbook's and kafka-dr's pair's). */
    String connectorPrefix() {
        return "mm2-bench-" + runId;
    }

    /** kafka-dr's pair of this run: its connectors are {@code mm2-bench-<runId>-primary-to-secondary-*}. */
    String pairName() {
        return "bench-" + runId;
    }

    List<String> groupIds() {
        return IntStream.rangeClosed(1, groups).mapToObj(i -> GROUP_PREFIX + i).toList();
    }
}
