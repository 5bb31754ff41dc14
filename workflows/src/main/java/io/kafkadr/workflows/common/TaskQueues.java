package io.kafkadr.workflows.common;

/** The task queue kafka-dr's workers poll and every client starts its workflows on: one name, one place. */
public final class TaskQueues {

    /** Workflows and activities of kafka-dr (a worker may be given another with {@code --task-queue}). */
    public static final String KAFKA_DR = "kafka-dr";

    private TaskQueues() {
    }
}
