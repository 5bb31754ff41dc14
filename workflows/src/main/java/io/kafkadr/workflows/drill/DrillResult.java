package io.kafkadr.workflows.drill;

import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.verify.Check;
import java.util.List;

/**
 * What a drill did: the result of {@link DrillWorkflow}, a contract read by tools ({@code drctl
 * drill}, reports): fields are added, never renamed.
 *
 * @param outcome         passed, failed or stood-down
 * @param rtoMillis       the failover's trigger to its last producer healthy on the secondary (-1: not reached)
 * @param recordsLost     what the failover lost as the workflow knows it: 0 for a completed planned
 *                        failover (it drains replication before the producers move), -1 unknown.
 *                        The clients' own ledgers are audited outside (drctl, on the local stack)
 * @param phases          in the order they ran
 * @param objectives      the pair's objectives as checks ({@code objective:rto}, {@code objective:rpo-records});
 *                        empty when the pair sets none
 * @param leftActive      the side the pair entity records as active at the end (where its clients run)
 * @param leftReplication the replication direction it records at the end (null: none)
 * @param leftWhere       the same, for people, with what to do next when it is not where it started
 * @param canary          the built-in canary's figures (drill.traffic canary or both); null otherwise
 */
public record DrillResult(
        String drillId,
        String pair,
        String reason,
        DrillOutcome outcome,
        long startedAtMillis,
        long endedAtMillis,
        long rtoMillis,
        long recordsLost,
        List<DrillPhase> phases,
        List<Check> objectives,
        String leftActive,
        Direction leftReplication,
        String leftWhere,
        List<String> notes,
        io.kafkadr.workflows.canary.CanaryReport canary) {

    /** A drill without the canary. */
    public DrillResult(String drillId, String pair, String reason, DrillOutcome outcome, long startedAtMillis,
                       long endedAtMillis, long rtoMillis, long recordsLost, List<DrillPhase> phases,
                       List<Check> objectives, String leftActive, Direction leftReplication, String leftWhere,
                       List<String> notes) {
        this(drillId, pair, reason, outcome, startedAtMillis, endedAtMillis, rtoMillis, recordsLost, phases, objectives,
                leftActive, leftReplication, leftWhere, notes, null);
    }

    public boolean passed() {
        return outcome == DrillOutcome.PASSED;
    }
}
