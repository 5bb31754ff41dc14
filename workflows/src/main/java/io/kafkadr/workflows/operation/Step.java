package io.kafkadr.workflows.operation;

/** One step of an operation's timeline. */
public record Step(String name, long startedAtMillis, long endedAtMillis, String detail) {

    public long durationMillis() {
        return endedAtMillis - startedAtMillis;
    }
}
