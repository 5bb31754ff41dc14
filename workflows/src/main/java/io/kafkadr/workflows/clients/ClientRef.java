package io.kafkadr.workflows.clients;

import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.ProducerConfig;

/**
 * One application that moves between clusters.
 *
 * @param kind    {@code consumer} (name = group id) or {@code producer}
 * @param binding how to move it; a client without binding cannot be moved
 */
public record ClientRef(String kind, String name, ClientBinding binding) {

    public static final String CONSUMER = "consumer";
    public static final String PRODUCER = "producer";

    public static ClientRef of(ConsumerGroupConfig group) {
        return new ClientRef(CONSUMER, group.group(), group.binding());
    }

    public static ClientRef of(ProducerConfig producer) {
        return new ClientRef(PRODUCER, producer.name(), producer.binding());
    }

    public String label() {
        return kind + " " + name;
    }
}
