package io.kafkadr.activities.drpair;

import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.drpair.LossSummary;
import io.kafkadr.workflows.drpair.Watch;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ReplicationSetupResult;
import java.util.Optional;

/**
 * What one completed operation left the pair as.
 *
 * @param operationId    the operation's workflow id
 * @param active         the side it left active, or null when it did not decide it (a replication)
 * @param replicationSet whether it decided the replication direction
 * @param replication    that direction (null: none), when {@code replicationSet}
 */
public record RunEffect(String operationId, String active, boolean replicationSet, Direction replication,
                        LossSummary loss) {

    public RunEffect(String operationId, String active, boolean replicationSet, Direction replication) {
        this(operationId, active, replicationSet, replication, null);
    }

    /**
     * A failover that completed switched to its target and removed replication, and, unplanned,
     * left its loss figures for the failback; any other outcome changed nothing.
     */
    static Optional<RunEffect> of(FailoverReport report) {
        if (!"completed".equals(report.outcome())) {
            return Optional.empty();
        }
        boolean figures = report.lossKnown() != null || (report.lossEstimate() != null && !report.lossEstimate().isEmpty());
        LossSummary loss = figures ? new LossSummary(report.operationId(),
                report.lossKnown() == null ? null : Watch.LossFigures.total(report.lossKnown()),
                Watch.LossFigures.total(report.lossEstimate()), report.lossEstimateWindowMillis()) : null;
        return Optional.of(new RunEffect(report.operationId(), report.to(), true, null, loss));
    }

    /**
     * A failback that completed left the pair active on its primary, replicating to its secondary;
     * one aborted once clients could have moved stood down: active on the secondary, no replication.
     */
    static Optional<RunEffect> of(FailbackReport report, PairConfig pair) {
        String outcome = report.outcome() == null ? "" : report.outcome();
        if (outcome.startsWith("completed")) {
            return Optional.of(new RunEffect(report.operationId(), pair.primary(), true, Direction.primaryToSecondary(pair)));
        }
        return "aborted".equals(outcome)
                ? Optional.of(new RunEffect(report.operationId(), pair.secondary(), true, null))
                : Optional.empty();
    }

    /** Replication set up: it runs in its direction; the active side is not its to say. */
    static RunEffect of(String operationId, ReplicationSetupResult result) {
        return new RunEffect(operationId, null, true, new Direction(result.source(), result.target()));
    }
}
