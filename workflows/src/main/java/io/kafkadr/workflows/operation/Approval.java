package io.kafkadr.workflows.operation;

/** A human's go for an operation waiting at its approval gate. */
public record Approval(String by, String reason) {
}
