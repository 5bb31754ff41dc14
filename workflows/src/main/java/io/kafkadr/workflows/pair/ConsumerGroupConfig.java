package io.kafkadr.workflows.pair;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A consumer group that MM2 checkpoints and that moves between clusters through its binding.
 *
 * @param topics      topics the group reads besides those it has committed offsets in (absent:
 *                    none): each of their partitions gets a placement on the new cluster even if
 *                    the group never committed there (a topic it has not read from yet); each
 *                    must be one of the pair's topics
 * @param uncommitted where the group resumes in a partition it never committed (absent:
 *                    {@link UncommittedStart#DEFAULT}); see {@link UncommittedStart}
 */
public record ConsumerGroupConfig(String group, ClientBinding binding,
                                  @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> topics,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) UncommittedStart uncommitted) {

    public ConsumerGroupConfig {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    public ConsumerGroupConfig(String group, ClientBinding binding) {
        this(group, binding, List.of(), null);
    }

    /** Where the group resumes in a partition it never committed. */
    public UncommittedStart uncommittedStart() {
        return uncommitted == null ? UncommittedStart.DEFAULT : uncommitted;
    }
}
