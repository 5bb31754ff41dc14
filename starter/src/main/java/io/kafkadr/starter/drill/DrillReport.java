package io.kafkadr.starter.drill;

import java.util.List;

/**
 * What {@code drctl drill --json} prints: a contract read by tools. Add fields, never
 * rename or remove.
 *
 * @param stackUpMillis   how long bringing the local stack up took (0 when it was already up or not local)
 * @param stackRssMiB     resident memory of the stack's processes after start
 * @param drillWorkflowId the {@code DrillWorkflow} that ran the drill (its result is the drill's record)
 * @param temporalUi      the drill in the Temporal UI, when drctl knows the UI's address
 * @param outcome         the workflow's verdict: {@code passed}, {@code failed} or {@code stood-down}
 *                        ({@code passed} above also needs the ledgers' checks)
 * @param objectives      the pair's objectives as checks, the ledgers' loss included
 * @param leftActive      where the pair (and its clients) ended: the active cluster
 * @param leftWhere       the same for people, with what to do when it is not where it started
 */
public record DrillReport(
        boolean passed,
        String pair,
        String startedAt,
        String endedAt,
        long durationMillis,
        String temporalServer,
        long stackUpMillis,
        long stackRssMiB,
        List<PhaseReport> phases,
        String drillWorkflowId,
        String temporalUi,
        String outcome,
        List<PhaseCheck> objectives,
        String leftActive,
        String leftWhere,
        List<String> notes,
        io.kafkadr.workflows.canary.CanaryReport canary) {

    /** A report without the canary (drill.traffic clients). */
    public DrillReport(boolean passed, String pair, String startedAt, String endedAt, long durationMillis,
                       String temporalServer, long stackUpMillis, long stackRssMiB, List<PhaseReport> phases,
                       String drillWorkflowId, String temporalUi, String outcome, List<PhaseCheck> objectives,
                       String leftActive, String leftWhere, List<String> notes) {
        this(passed, pair, startedAt, endedAt, durationMillis, temporalServer, stackUpMillis, stackRssMiB, phases,
                drillWorkflowId, temporalUi, outcome, objectives, leftActive, leftWhere, notes, null);
    }
}
