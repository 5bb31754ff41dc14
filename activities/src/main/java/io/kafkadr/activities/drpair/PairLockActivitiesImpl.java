package io.kafkadr.activities.drpair;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.drpair.DrPairWorkflow;
import io.kafkadr.workflows.drpair.FenceRecord;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.Observation;
import io.kafkadr.workflows.drpair.OperationRef;
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
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.List;
import java.util.Optional;

/** The pair's entity workflow as operations see it: started on first use, then updated. */
public class PairLockActivitiesImpl implements PairLockActivities {

    private final WorkflowClient client;
    private final String taskQueue;
    private final OperationRuns runs;

    public PairLockActivitiesImpl(WorkflowClient client, String taskQueue) {
        this(client, taskQueue, new VisibleRuns(client));
    }

    /** With the pair's operations listed by {@code runs} (tests: the Java test server has no visibility). */
    public PairLockActivitiesImpl(WorkflowClient client, String taskQueue, OperationRuns runs) {
        this.client = client;
        this.taskQueue = taskQueue;
        this.runs = runs;
    }

    @Override
    public PairState acquire(PairConfig pair, LockRequest request) {
        return updateWithStart(pair, "acquire", request.operationId(), request, request.operationId(),
                ActivityFailures.PAIR_BUSY);
    }

    /**
     * Also starts a lost entity (rebuilt with the operation in flight as the holder), so that the
     * holder's release is accepted and its switch recorded.
     */
    @Override
    public PairState release(PairConfig pair, Release release) {
        return updateWithStart(pair, "release", release.operationId(), release, null, ActivityFailures.PAIR_BUSY);
    }

    @Override
    public PairState confirmHolder(PairConfig pair, String operationId) {
        return updateWithStart(pair, "confirmHolder", operationId, operationId, null, ActivityFailures.NOT_LOCK_HOLDER);
    }

    /**
     * The Update {@code name} of {@code operationId} on the entity, which is started (rebuilt, see
     * {@link #startState}) if it does not run; a rejection is a non-retryable {@code failureType}.
     */
    private PairState updateWithStart(PairConfig pair, String name, String operationId, Object argument, String asking,
                                      String failureType) {
        WorkflowStub entity = client.newUntypedWorkflowStub(DrPairWorkflow.class.getSimpleName(), WorkflowOptions.newBuilder()
                .setWorkflowId(DrPairWorkflow.workflowId(pair.name()))
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
        try {
            return entity.executeUpdateWithStart(update(name, operationId), new Object[] {argument},
                    new Object[] {startState(pair, asking)});
        } catch (WorkflowUpdateException e) {
            throw rejected(e, failureType);
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
                .signalWithStart("observe", new Object[] {observation}, new Object[] {startState(pair, null)});
    }

    @Override
    public void recordFence(PairConfig pair, FenceRecord record) {
        client.newUntypedWorkflowStub(DrPairWorkflow.class.getSimpleName(), WorkflowOptions.newBuilder()
                        .setWorkflowId(DrPairWorkflow.workflowId(pair.name())).setTaskQueue(taskQueue).build())
                .signalWithStart("fenceChanged", new Object[] {record}, new Object[] {startState(pair, null)});
    }

    @Override
    public void recordReplication(ReplicationRecord record) {
        client.newUntypedWorkflowStub(DrPairWorkflow.class.getSimpleName(), WorkflowOptions.newBuilder()
                        .setWorkflowId(DrPairWorkflow.workflowId(record.pair().name())).setTaskQueue(taskQueue).build())
                .signalWithStart("replicationDeployed", new Object[] {record}, new Object[] {startState(record.pair(), null)});
    }

    /**
     * The state the entity starts with if it is not running. Running, it keeps its own (the
     * argument is ignored). Gone (terminated, or deleted by retention), it must not come back as
     * "active on the primary, lock free": it is rebuilt from the pair's operations
     * ({@link PairRebuild}), the lock held by the one in flight other than {@code asking} (the
     * operation whose lock request starts it; null for any other call).
     */
    PairState startState(PairConfig pair, String asking) {
        try {
            if (entity(pair).describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                return initial(pair);
            }
        } catch (RuntimeException e) {
            // never started, or gone (WorkflowNotFoundException, NOT_FOUND): rebuild below
        }
        Optional<OperationRef> holder = PairRebuild.holder(runs.running(pair.name()), asking);
        return PairRebuild.state(pair, holder, runs.completed(pair)).orElse(initial(pair));
    }

    /** A pair nobody operated on yet: active on its primary, no replication known. */
    static PairState initial(PairConfig pair) {
        return new PairState(pair.name(), pair.primary(), null, null, List.of(), List.of(), 0);
    }

    private WorkflowStub entity(PairConfig pair) {
        return client.newUntypedWorkflowStub(DrPairWorkflow.workflowId(pair.name()));
    }

    private static ApplicationFailure rejected(WorkflowUpdateException e, String failureType) {
        Throwable cause = e.getCause();
        String message = cause instanceof ApplicationFailure a ? a.getOriginalMessage() : String.valueOf(cause);
        return ApplicationFailure.newNonRetryableFailure(message, failureType);
    }
}
