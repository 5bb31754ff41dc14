package io.kafkadr.workflows.common;

/**
 * Where a running operation is, for {@code drctl} and the Temporal UI (query {@code progress}).
 *
 * @param step   the runbook step in progress
 * @param detail how far it is, in words and figures
 */
public record Progress(String step, String detail) {
}
