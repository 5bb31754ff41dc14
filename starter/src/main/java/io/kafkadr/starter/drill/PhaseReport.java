package io.kafkadr.starter.drill;

import java.util.List;

/**
 * One phase of a drill. Later phases (failover, failback) add their own figures as new fields.
 *
 * @param workflowId the Temporal workflow that ran the phase (its history is the audit trail)
 * @param error      why the phase could not run to its end, if it could not
 * @param details    the phase's full result (e.g. the verification report)
 * @param rtoMillis   failover: trigger to the last producer healthy on the secondary
 * @param recordsLost failover: records the producer had acknowledged that the consumer never got (ledgers)
 * @param duplicates  failover, failback: records the consumer got more than once (ledgers)
 * @param recordsSalvaged failback: records of the primary that never reached the secondary, quarantined
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
        Object details,
        Long rtoMillis,
        Long recordsLost,
        Long duplicates,
        Long recordsSalvaged) {

    /** The same phase with the ledgers' verdict, known only once the consumer caught up. */
    PhaseReport withLedgers(List<PhaseCheck> ledgerChecks, long lost, long dups) {
        PhaseReport judged = withChecks(ledgerChecks);
        return new PhaseReport(name, judged.passed, startedAt, endedAt, durationMillis, workflowId, judged.checks, error,
                details, rtoMillis, lost, dups, recordsSalvaged);
    }

    /** The same phase judged by {@code more} checks too, and ending at {@code endedAtMillis}. */
    PhaseReport withChecks(List<PhaseCheck> more, long endedAtMillis, String moreError) {
        PhaseReport judged = withChecks(more);
        long started = java.time.Instant.parse(startedAt).toEpochMilli();
        return new PhaseReport(name, judged.passed, startedAt, java.time.Instant.ofEpochMilli(endedAtMillis).toString(),
                endedAtMillis - started, workflowId, judged.checks, error != null ? error : moreError, details, rtoMillis,
                recordsLost, duplicates, recordsSalvaged);
    }

    private PhaseReport withChecks(List<PhaseCheck> more) {
        List<PhaseCheck> all = new java.util.ArrayList<>(checks);
        all.addAll(more);
        return new PhaseReport(name, passed && more.stream().allMatch(PhaseCheck::passed), startedAt, endedAt,
                durationMillis, workflowId, all, error, details, rtoMillis, recordsLost, duplicates, recordsSalvaged);
    }
}
