package io.kafkadr.workflows.clients;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.ProducerConfig;
import io.kafkadr.workflows.pair.UncommittedStart;
import java.util.List;

/**
 * One application that moves between clusters.
 *
 * @param kind        {@code consumer} (name = group id) or {@code producer}
 * @param binding     how to move it; a client without binding cannot be moved
 * @param topics      a consumer group's topics besides its committed ones ({@link ConsumerGroupConfig#topics})
 * @param uncommitted a consumer group's start in partitions it never committed (absent: the default)
 */
public record ClientRef(String kind, String name, ClientBinding binding,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> topics,
                        @JsonInclude(JsonInclude.Include.NON_NULL) UncommittedStart uncommitted) {

    public static final String CONSUMER = "consumer";
    public static final String PRODUCER = "producer";

    public ClientRef {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    public ClientRef(String kind, String name, ClientBinding binding) {
        this(kind, name, binding, List.of(), null);
    }

    public static ClientRef of(ConsumerGroupConfig group) {
        return new ClientRef(CONSUMER, group.group(), group.binding(), group.topics(), group.uncommitted());
    }

    public static ClientRef of(ProducerConfig producer) {
        return new ClientRef(PRODUCER, producer.name(), producer.binding());
    }

    public String label() {
        return kind + " " + name;
    }

    /** Where this consumer group resumes in a partition it never committed. */
    public UncommittedStart uncommittedStart() {
        return uncommitted == null ? UncommittedStart.DEFAULT : uncommitted;
    }
}
