package io.kafkadr.workflows.drill;

import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.verify.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * How a drill judges its failover and failback phases, and the pair on the secondary in between.
 * Pure and deterministic: workflow code, unit-tested without Temporal.
 */
public final class DrillChecks {

    static final String COMPLETED = "completed";
    static final String ABORTED = "aborted";
    static final String MOVED = "moved";

    private DrillChecks() {
    }

    /** The failover completed, and every consumer group resumed exactly (by provenance, not MM2's translation). */
    public static List<Check> failover(FailoverReport report) {
        return List.of(completed("failover-completed", report.outcome(), report.notes()), exactOffsets(report.consumers()));
    }

    /** The failback completed, its restored replication verified, every group handed over exactly. */
    public static List<Check> failback(FailbackReport report) {
        return List.of(completed("failback-completed", report.outcome(), report.notes()), exactOffsets(report.consumers()));
    }

    /**
     * "Verify" on the secondary, where the failover removed replication (so there is nothing for
     * {@code VerifyReplicationWorkflow} to verify): the pair entity records the secondary as active
     * and no replication, and every consumer group and producer of the pair moved there and passed
     * its health check (a group is healthy once it has members and commits past its hand-over).
     */
    public static List<Check> onSecondary(PairConfig pair, PairState state, FailoverReport report) {
        List<Check> checks = new ArrayList<>();
        boolean active = pair.secondary().equals(state.active());
        checks.add(new Check("active:" + pair.secondary(), active ? 1 : 0, 1, active,
                "the pair entity records '" + state.active() + "' as active"));
        boolean removed = state.replication() == null;
        checks.add(new Check("replication-removed", removed ? 0 : 1, 0, removed, removed
                ? "no replication recorded: the secondary takes the writes alone"
                : "the pair entity still records replication " + state.replication()));
        checks.addAll(moves("consumer", pair.groupIds(), report.consumers(), pair.secondary()));
        checks.addAll(moves("producer", pair.producers().stream().map(p -> p.name()).toList(), report.producers(),
                pair.secondary()));
        return checks;
    }

    /**
     * What the workflow knows the failover lost: nothing, for a planned failover that completed
     * (replication drained before the producers moved); -1 (unknown) otherwise.
     */
    public static long recordsLost(FailoverReport report) {
        return FailoverRequest.PLANNED.equals(report.mode()) && COMPLETED.equals(report.outcome()) ? 0 : -1;
    }

    /** Whether the failover's own abort path handed every moved client back (nothing left to stand down). */
    public static boolean stoodDownItself(FailoverReport report) {
        return ABORTED.equals(report.outcome());
    }

    private static List<Check> moves(String kind, List<String> names, List<ClientMove> moves, String to) {
        List<Check> checks = new ArrayList<>();
        for (String name : names) {
            String label = kind + " " + name;
            // the last word on the client: a group handed back after moving is not on the secondary
            ClientMove move = moves.stream().filter(m -> label.equals(m.client())).reduce((first, later) -> later)
                    .orElse(null);
            boolean healthy = move != null && MOVED.equals(move.outcome()) && to.equals(move.to());
            checks.add(new Check(kind + ":" + name, healthy ? 1 : 0, 1, healthy, move == null
                    ? "not moved to " + to
                    : move.outcome() + ", on " + move.to() + (move.health() == null ? "" : ": " + move.health())));
        }
        return checks;
    }

    private static Check completed(String name, String outcome, List<String> notes) {
        boolean done = COMPLETED.equals(outcome);
        return new Check(name, done ? 1 : 0, 1, done, outcome + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
    }

    private static Check exactOffsets(List<ClientMove> consumers) {
        long inexact = consumers.stream().map(ClientMove::offsets).flatMap(List::stream)
                .filter(o -> !OffsetHandOver.EXACT.equals(o.derivation()) && !OffsetHandOver.LOG_START.equals(o.derivation()))
                .count();
        return new Check("offsets-not-exact", inexact, 0, inexact == 0,
                "partitions handed over by content or MM2's translation instead of the copies' origin");
    }
}
