package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.common.WorkflowInputConverter;
import io.kafkadr.workflows.drpair.DrPairWorkflowImpl;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.failover.FailoverWorkflowImpl;
import io.kafkadr.workflows.replication.ReplicationSetupWorkflowImpl;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflowImpl;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-process Temporal test server (time skipping) with one worker on {@link #TASK_QUEUE}
 * running the replication, verification, failover, failback, drill and pair entity workflows against the given
 * activity fakes, reading workflow inputs strictly as the worker does
 * ({@link WorkflowInputConverter}). A test that gives no {@link PairLockActivities} gets a
 * {@link FakePairLockActivities}: replication setup tells the pair entity, which such a test
 * does not look at.
 */
public final class WorkflowTestEnv implements AutoCloseable {

    public static final String TASK_QUEUE = "test";
    /** Ends a workflow that would otherwise loop forever; skipped time, so it costs nothing. */
    private static final Duration EXECUTION_TIMEOUT = Duration.ofHours(1);

    private final TestWorkflowEnvironment env;

    private WorkflowTestEnv(Object... activities) {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(WorkflowInputConverter.standard()).build())
                .build());
        DrSearchAttributes.ALL.forEach(key -> env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        Worker worker = env.newWorker(TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(ReplicationSetupWorkflowImpl.class,
                VerifyReplicationWorkflowImpl.class, FailoverWorkflowImpl.class, DrPairWorkflowImpl.class,
                io.kafkadr.workflows.failback.FailbackWorkflowImpl.class,
                io.kafkadr.workflows.operation.GroupMoveWorkflowImpl.class,
                io.kafkadr.workflows.drill.DrillWorkflowImpl.class);
        worker.registerActivitiesImplementations(withDefaults(activities));
        env.start();
    }

    public static WorkflowTestEnv start(Object... activities) {
        return new WorkflowTestEnv(activities);
    }

    private static Object[] withDefaults(Object... activities) {
        List<Object> all = new ArrayList<>(List.of(activities));
        if (all.stream().noneMatch(PairLockActivities.class::isInstance)) {
            all.add(new FakePairLockActivities());
        }
        if (all.stream().noneMatch(io.kafkadr.workflows.pair.PairActivities.class::isInstance)) {
            all.add(new FakePairActivities(null));
        }
        return all.toArray();
    }

    public <T> T newWorkflow(Class<T> workflowInterface, String workflowId) {
        return client().newWorkflowStub(workflowInterface, WorkflowOptions.newBuilder()
                .setTaskQueue(TASK_QUEUE)
                .setWorkflowId(workflowId)
                .setWorkflowExecutionTimeout(EXECUTION_TIMEOUT)
                .build());
    }

    /** Waits (real time, up to 20 s) until the workflow {@code workflowId}'s progress query shows {@code step}. */
    public void awaitStep(String workflowId, String step) {
        long deadline = System.currentTimeMillis() + 20_000;
        Progress last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = client().newUntypedWorkflowStub(workflowId).query("progress", Progress.class);
            } catch (RuntimeException notYetThere) {
                last = null;
            }
            if (last != null && step.equals(last.step())) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError(workflowId + " never reached step '" + step + "'; last progress " + last);
    }

    /**
     * Waits (real time, up to 20 s) until {@code condition} holds; a condition that throws (a
     * workflow not queryable yet) counts as not yet.
     */
    public static void awaitTrue(java.util.function.Supplier<Boolean> condition, String what) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not queryable yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("never: " + what);
    }

    /** Skips {@code duration} of workflow time. */
    public void sleep(Duration duration) {
        env.sleep(duration);
    }

    public WorkflowClient client() {
        return env.getWorkflowClient();
    }

    public WorkflowExecutionHistory history(String workflowId) {
        return client().fetchHistory(workflowId);
    }

    @Override
    public void close() {
        env.close();
    }
}
