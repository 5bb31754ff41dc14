package io.kafkadr.workflows.pair;

/** A producing application that moves between clusters through its binding. */
public record ProducerConfig(String name, ClientBinding binding) {
}
