package io.kafkadr.workflows.common;

/**
 * Where a running operation is, for {@code drctl} and the Temporal UI (query {@code progress}).
 *
 * @param step   the runbook step in progress
 * @param detail how far it is, in words and figures
 * @param sinceMillis when the step began (workflow time; 0 when not known): how long an
 *               operation has waited at its approval gate, for the worker's metrics
 */
public record Progress(String step, String detail, long sinceMillis) {

    public Progress(String step, String detail) {
        this(step, detail, 0);
    }
}
