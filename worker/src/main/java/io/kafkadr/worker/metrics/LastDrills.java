package io.kafkadr.worker.metrics;

import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.drill.DrillOutcome;
import io.kafkadr.workflows.drill.DrillResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outcome of a pair's last finished drill, scheduled (workflow id {@code drill/<pair>/scheduled-...},
 * as its Temporal Schedule starts it) and started by hand: from Temporal's visibility (the
 * {@code DrPair} search attribute) and the drill's result, read once per run.
 */
final class LastDrills {

    /** One drill's end. */
    record Drill(boolean scheduled, String outcome, long endedAtMillis) {
        boolean failed() {
            return !DrillOutcome.PASSED.value().equals(outcome);
        }
    }

    /** How many of the newest closed drills are looked at (visibility lists newest first). */
    static final int LOOK_AT = 50;

    private final WorkflowClient client;
    private final Map<String, String> outcomeByRun = new ConcurrentHashMap<>();

    LastDrills(WorkflowClient client) {
        this.client = client;
    }

    List<Drill> last(String pair) {
        String query = "WorkflowType = 'DrillWorkflow' AND " + DrSearchAttributes.PAIR.getName() + " = '"
                + pair.replace("'", "\\'") + "' AND ExecutionStatus != 'Running'";
        List<WorkflowExecutionMetadata> closed = client.listExecutions(query).limit(LOOK_AT)
                .filter(m -> m.getCloseTime() != null).toList();
        List<Drill> last = new ArrayList<>();
        for (boolean scheduled : List.of(true, false)) {
            closed.stream().filter(m -> m.getExecution().getWorkflowId().contains("/scheduled") == scheduled)
                    .max(Comparator.comparing(WorkflowExecutionMetadata::getCloseTime))
                    .ifPresent(m -> last.add(new Drill(scheduled, outcome(m), m.getCloseTime().toEpochMilli())));
        }
        return last;
    }

    /** The drill's own outcome when it completed; its run's status (failed, terminated, ...) otherwise. */
    private String outcome(WorkflowExecutionMetadata m) {
        String runId = m.getExecution().getRunId();
        return outcomeByRun.computeIfAbsent(runId, r -> {
            if (m.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
                return m.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase();
            }
            DrillResult result = client.newUntypedWorkflowStub(m.getExecution().getWorkflowId(), Optional.of(r),
                    Optional.empty()).getResult(DrillResult.class);
            return result.outcome().value();
        });
    }
}
