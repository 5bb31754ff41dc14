package io.kafkadr.workflows.pair;

/** A consumer group that MM2 checkpoints and that moves between clusters through its binding. */
public record ConsumerGroupConfig(String group, ClientBinding binding) {
}
