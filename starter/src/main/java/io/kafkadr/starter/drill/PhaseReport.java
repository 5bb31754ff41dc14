package io.kafkadr.starter.drill;

import java.util.List;

/**
 * One phase of a drill. Later phases (failover, failback) add their own figures as new fields.
 *
 * @param workflowId the Temporal workflow that ran the phase (its history is the audit trail)
 * @param error      why the phase could not run to its end, if it could not
 * @param details    the phase's full result (e.g. the verification report)
 */
public record PhaseReport(
        String name,
        boolean passed,
        String startedAt,
        String endedAt,
        long durationMillis,
        String workflowId,
        List<PhaseCheck> checks,
        String error,
        Object details) {
}
