package io.kafkadr.activities.drpair;

import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failback.FailbackWorkflow;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.failover.FailoverWorkflow;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ReplicationSetupResult;
import io.kafkadr.workflows.replication.ReplicationSetupWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowStub;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link OperationRuns} from the server's visibility, by the runs' search attributes {@code DrPair} and {@code DrOperation}. */
final class VisibleRuns implements OperationRuns {

    /**
     * How many of the pair's latest completed operations are listed to rebuild its state: all of
     * them, unless the retention keeps more than this. Listed in full, then sorted newest first
     * (visibility does not promise an order), then read until one decided the active side.
     */
    static final int LOOK_BACK = 1_000;

    private final WorkflowClient client;

    VisibleRuns(WorkflowClient client) {
        this.client = client;
    }

    @Override
    public List<OperationRef> running(String pair) {
        return list(pair, "Running", Comparator.comparing(WorkflowExecutionMetadata::getStartTime)).stream()
                .map(run -> new OperationRef(run.getExecution().getWorkflowId(),
                        run.getTypedSearchAttributes().get(DrSearchAttributes.OPERATION),
                        run.getStartTime().toEpochMilli(), 0, "running"))
                .toList();
    }

    @Override
    public Stream<RunEffect> completed(PairConfig pair) {
        return list(pair.name(), "Completed", Comparator.comparing(WorkflowExecutionMetadata::getCloseTime,
                Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed()).stream()
                .map(run -> effect(run, pair)).flatMap(Optional::stream);
    }

    /** The pair's failovers, failbacks and replications in {@code status}, sorted by {@code order}; none without visibility. */
    private List<WorkflowExecutionMetadata> list(String pair, String status, Comparator<WorkflowExecutionMetadata> order) {
        String query = DrSearchAttributes.PAIR.getName() + " = '" + pair + "' AND " + DrSearchAttributes.OPERATION.getName()
                + " IN ('failover', 'failback', 'replicate') AND ExecutionStatus = '" + status + "'";
        try (Stream<WorkflowExecutionMetadata> listed = client.listExecutions(query)) {
            return listed.limit(LOOK_BACK).sorted(order).toList();
        } catch (RuntimeException e) {
            // no visibility (the Java test server): nothing to rebuild from
            return List.of();
        }
    }

    /** What the run left the pair as; empty when it changed nothing or its result cannot be read. */
    private Optional<RunEffect> effect(WorkflowExecutionMetadata run, PairConfig pair) {
        String id = run.getExecution().getWorkflowId();
        WorkflowStub stub = client.newUntypedWorkflowStub(id, Optional.of(run.getExecution().getRunId()), Optional.empty());
        try {
            if (FailoverWorkflow.class.getSimpleName().equals(run.getWorkflowType())) {
                return RunEffect.of(stub.getResult(FailoverReport.class));
            } else if (FailbackWorkflow.class.getSimpleName().equals(run.getWorkflowType())) {
                return RunEffect.of(stub.getResult(FailbackReport.class), pair);
            } else if (ReplicationSetupWorkflow.class.getSimpleName().equals(run.getWorkflowType())) {
                return Optional.of(RunEffect.of(id, stub.getResult(ReplicationSetupResult.class)));
            }
        } catch (RuntimeException e) {
            // a result this version cannot read: the next older run decides
        }
        return Optional.empty();
    }
}
