package io.kafkadr.workflows.operation;

/**
 * A group's move tells its operation that it waits for the operator ({@code situation} says why
 * and what to send) or, with {@code situation} null, that it no longer does.
 */
public record GroupWaiting(String client, String situation) {

    /** The step (and {@code DrPhase}) of a run waiting for a decision. */
    public static final String STEP = "waiting for operator";
}
