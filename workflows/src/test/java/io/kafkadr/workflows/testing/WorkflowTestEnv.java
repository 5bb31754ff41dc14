package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.replication.ReplicationSetupWorkflowImpl;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;

/**
 * An in-process Temporal test server (time skipping) with one worker on {@link #TASK_QUEUE}
 * running the replication workflows against the given activity fakes.
 */
public final class WorkflowTestEnv implements AutoCloseable {

    public static final String TASK_QUEUE = "test";
    /** Ends a workflow that would otherwise loop forever; skipped time, so it costs nothing. */
    private static final Duration EXECUTION_TIMEOUT = Duration.ofHours(1);

    private final TestWorkflowEnvironment env;

    private WorkflowTestEnv(Object... activities) {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(ReplicationSetupWorkflowImpl.class,
                VerifyReplicationWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        env.start();
    }

    public static WorkflowTestEnv start(Object... activities) {
        return new WorkflowTestEnv(activities);
    }

    public <T> T newWorkflow(Class<T> workflowInterface, String workflowId) {
        return client().newWorkflowStub(workflowInterface, WorkflowOptions.newBuilder()
                .setTaskQueue(TASK_QUEUE)
                .setWorkflowId(workflowId)
                .setWorkflowExecutionTimeout(EXECUTION_TIMEOUT)
                .build());
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
