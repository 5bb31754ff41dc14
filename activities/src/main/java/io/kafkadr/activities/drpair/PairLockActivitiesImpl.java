package io.kafkadr.activities.drpair;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.drpair.DrPairWorkflow;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.Observation;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.drpair.ReplicationRecord;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failback.FailbackWorkflow;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.failover.FailoverWorkflow;
import io.kafkadr.workflows.pair.Direction;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The pair's entity workflow as operations see it: started on first use, then updated. */
public class PairLockActivitiesImpl implements PairLockActivities {

    private final WorkflowClient client;
    private final String taskQueue;

    public PairLockActivitiesImpl(WorkflowClient client, String taskQueue) {
        this.client = client;
        this.taskQueue = taskQueue;
    }

    @Override
    public PairState acquire(PairConfig pair, LockRequest request) {
        WorkflowStub entity = client.newUntypedWorkflowStub(DrPairWorkflow.class.getSimpleName(), WorkflowOptions.newBuilder()
                .setWorkflowId(DrPairWorkflow.workflowId(pair.name()))
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
        try {
            return entity.executeUpdateWithStart(update("acquire", request.operationId()),
                    new Object[] {request}, new Object[] {startState(pair)});
        } catch (WorkflowUpdateException e) {
            throw rejected(e);
        }
    }

    @Override
    public PairState release(PairConfig pair, Release release) {
        try {
            return entity(pair).startUpdate(update("release", release.operationId()), release).getResult();
        } catch (WorkflowUpdateException e) {
            throw rejected(e);
        }
    }

    /**
     * The Update {@code name} of one operation, with a deterministic id: when a retry follows a
     * lost answer, Temporal hands back the first outcome instead of running the handler again
     * (within one run of the entity; across a continue-as-new the handlers themselves accept a
     * repeat by the same operation).
     */
    private static UpdateOptions<PairState> update(String name, String operationId) {
        return UpdateOptions.newBuilder(PairState.class).setUpdateName(name)
                .setUpdateId(updateId(name, operationId, Activity.getExecutionContext().getInfo().getRunId()))
                .setWaitForStage(WorkflowUpdateStage.COMPLETED).build();
    }

    /**
     * {@code <name>/<operationId>/<runId>}: the same for every attempt of one operation's call,
     * different for a later run under the same workflow id (e.g. {@code replicate/<pair>/...}),
     * which must not be handed the first run's cached answer.
     */
    static String updateId(String name, String operationId, String runId) {
        return name + "/" + operationId + "/" + runId;
    }

    @Override
    public PairState state(PairConfig pair) {
        try {
            return entity(pair).query("state", PairState.class);
        } catch (WorkflowNotFoundException e) {
            return initial(pair);
        }
    }

    @Override
    public void observe(PairConfig pair, Observation observation) {
        client.newUntypedWorkflowStub(DrPairWorkflow.class.getSimpleName(), WorkflowOptions.newBuilder()
                        .setWorkflowId(DrPairWorkflow.workflowId(pair.name())).setTaskQueue(taskQueue).build())
                .signalWithStart("observe", new Object[] {observation}, new Object[] {startState(pair)});
    }

    @Override
    public void recordReplication(ReplicationRecord record) {
        client.newUntypedWorkflowStub(DrPairWorkflow.class.getSimpleName(), WorkflowOptions.newBuilder()
                        .setWorkflowId(DrPairWorkflow.workflowId(record.pair().name())).setTaskQueue(taskQueue).build())
                .signalWithStart("replicationDeployed", new Object[] {record}, new Object[] {startState(record.pair())});
    }

    /** How many of the pair's latest completed failovers and failbacks are read to rebuild its state. */
    static final int REBUILD_LOOK_BACK = 20;

    /**
     * The state the entity starts with if it is not running. Running, it keeps its own (the
     * argument is ignored). Gone (terminated, or deleted by retention), it must not come back as
     * "active on the primary": the active side is rebuilt from the newest completed failover or
     * failback that switched the pair, found through the server's visibility by the runs' search
     * attributes. What MM2 had copied is not rebuilt: the next failback then reads every record
     * of the primary against the secondary's copies (exact by their origin headers, only slower).
     */
    PairState startState(PairConfig pair) {
        try {
            if (entity(pair).describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                return initial(pair);
            }
        } catch (RuntimeException e) {
            // never started, or gone (WorkflowNotFoundException, NOT_FOUND): rebuild below
        }
        return rebuilt(pair).orElse(initial(pair));
    }

    private Optional<PairState> rebuilt(PairConfig pair) {
        String query = DrSearchAttributes.PAIR.getName() + " = '" + pair.name() + "' AND " + DrSearchAttributes.OPERATION.getName()
                + " IN ('failover', 'failback') AND ExecutionStatus = 'Completed'";
        List<WorkflowExecutionMetadata> runs;
        try (Stream<WorkflowExecutionMetadata> listed = client.listExecutions(query)) {
            runs = listed.limit(REBUILD_LOOK_BACK).sorted(Comparator.comparing(WorkflowExecutionMetadata::getCloseTime,
                    Comparator.nullsFirst(Comparator.naturalOrder())).reversed()).toList();
        } catch (RuntimeException e) {
            // no visibility (the Java test server): nothing to rebuild from
            return Optional.empty();
        }
        for (WorkflowExecutionMetadata run : runs) {
            WorkflowStub stub = client.newUntypedWorkflowStub(run.getExecution().getWorkflowId(),
                    Optional.of(run.getExecution().getRunId()), Optional.empty());
            if (FailoverWorkflow.class.getSimpleName().equals(run.getWorkflowType())) {
                FailoverReport r = stub.getResult(FailoverReport.class);
                if ("completed".equals(r.outcome())) {
                    return Optional.of(new PairState(pair.name(), r.to(), null, null, List.of(), List.of(), 0));
                }
            } else if (FailbackWorkflow.class.getSimpleName().equals(run.getWorkflowType())) {
                FailbackReport r = stub.getResult(FailbackReport.class);
                if (r.outcome() != null && r.outcome().startsWith("completed")) {
                    return Optional.of(new PairState(pair.name(), pair.primary(), Direction.primaryToSecondary(pair), null,
                            List.of(), List.of(), 0));
                }
            }
        }
        return Optional.empty();
    }

    /** A pair nobody operated on yet: active on its primary, no replication known. */
    static PairState initial(PairConfig pair) {
        return new PairState(pair.name(), pair.primary(), null, null, List.of(), List.of(), 0);
    }

    private WorkflowStub entity(PairConfig pair) {
        return client.newUntypedWorkflowStub(DrPairWorkflow.workflowId(pair.name()));
    }

    private static ApplicationFailure rejected(WorkflowUpdateException e) {
        Throwable cause = e.getCause();
        String message = cause instanceof ApplicationFailure a ? a.getOriginalMessage() : String.valueOf(cause);
        return ApplicationFailure.newNonRetryableFailure(message, ActivityFailures.PAIR_BUSY);
    }
}
