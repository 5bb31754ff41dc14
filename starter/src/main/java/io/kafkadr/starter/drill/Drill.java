package io.kafkadr.starter.drill;

import io.kafkadr.operations.OperationIds;
import io.kafkadr.operations.OperationKind;
import io.kafkadr.operations.OperationRequests;
import io.kafkadr.operations.Operations;
import io.kafkadr.workflows.drill.DrillPhase;
import io.kafkadr.workflows.drill.DrillRequest;
import io.kafkadr.workflows.drill.DrillResult;
import io.kafkadr.workflows.drill.DrillWorkflow;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.replication.ReplicationSetupResult;
import io.kafkadr.workflows.verify.VerificationReport;
import java.io.PrintStream;
import java.util.function.Consumer;

/** Starts {@link DrillWorkflow} on a pair and follows it to its end, printing its progress. */
final class Drill {

    private final Operations ops;
    private final PrintStream progress;

    Drill(Operations ops, PrintStream progress) {
        this.ops = ops;
        this.progress = progress;
    }

    /** Runs the drill; {@code onStep} is told each step of the drill as drctl first sees it. */
    DrillResult run(String drillId, DrillRequest request, String uiLink, Consumer<String> onStep) {
        var stub = ops.start(OperationKind.DRILL, drillId, request).stub();
        progress.println("[drill] workflow " + drillId + (uiLink == null ? "" : "  Temporal UI: " + uiLink));
        return ops.await(stub, DrillResult.class, new DrillFollower(ops, progress, drillId, onStep));
    }

    /** A phase's full result: its child workflow's, as stored in the child's history (null if it has none). */
    Object details(DrillPhase phase) {
        if (phase.workflowId() == null) {
            return null;
        }
        Class<?> type = switch (phase.name()) {
            case DrillPhase.REPLICATE -> ReplicationSetupResult.class;
            case DrillPhase.FAILOVER -> FailoverReport.class;
            case DrillPhase.FAILBACK, DrillPhase.STAND_DOWN -> FailbackReport.class;
            default -> VerificationReport.class;
        };
        try {
            return ops.result(phase.workflowId(), type);
        } catch (RuntimeException e) {
            return null; // the child failed: the phase's detail says why
        }
    }
}
