package io.kafkadr.workflows.operation;

import java.util.List;

/**
 * A group's move tells its operation that it waits for the operator ({@code situation} says why
 * and what to send, {@code actions} what it accepts) or, with {@code situation} null, that it no
 * longer does. {@code actions} is null in signals sent before it existed: any action is offered.
 */
public record GroupWaiting(String client, String situation, List<String> actions) {

    /** The step (and {@code DrPhase}) of a run waiting for a decision. */
    public static final String STEP = "waiting for operator";
}
