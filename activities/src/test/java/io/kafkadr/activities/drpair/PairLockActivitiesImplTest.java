package io.kafkadr.activities.drpair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.drpair.DrPairWorkflow;
import io.kafkadr.workflows.drpair.DrPairWorkflowImpl;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.TopicSelection;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lock as an operation takes and gives it back, against a (test server) pair entity. */
class PairLockActivitiesImplTest {

    private static final String TASK_QUEUE = "lock-test";
    private static final PairConfig PAIR = new PairConfig("test", "a", "b",
            List.of(new ClusterConfig("a", "a:9092", "r-a", "http://a:8083", null),
                    new ClusterConfig("b", "b:9092", "r-b", "http://b:8083", null)),
            new TopicSelection(List.of("orders"), null), List.of(), List.of(), null, null, false, null);

    private TestWorkflowEnvironment server;

    /** An operation whose calls are each made twice, as a retry after a lost answer makes them. */
    @WorkflowInterface
    public interface RetryingOperation {
        @WorkflowMethod
        List<PairState> run(PairConfig pair);
    }

    public static class RetryingOperationImpl implements RetryingOperation {
        private final PairLockActivities lock = Workflow.newActivityStub(PairLockActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public List<PairState> run(PairConfig pair) {
            String id = Workflow.getInfo().getWorkflowId();
            LockRequest request = new LockRequest(id, "failover", 1_000);
            Release release = new Release(id, "completed", "b", true, null, 2_000);
            return List.of(lock.acquire(pair, request), lock.acquire(pair, request),
                    lock.release(pair, release), lock.release(pair, release));
        }
    }

    @BeforeEach
    void start() {
        server = TestWorkflowEnvironment.newInstance();
        Worker worker = server.newWorker(TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(DrPairWorkflowImpl.class, RetryingOperationImpl.class);
        worker.registerActivitiesImplementations(new PairLockActivitiesImpl(server.getWorkflowClient(), TASK_QUEUE));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> acceptedUpdateIds() {
        return server.getWorkflowClient().fetchHistory(DrPairWorkflow.workflowId(PAIR.name())).getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
                .map(e -> e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getMeta().getUpdateId())
                .toList();
    }

    @Test
    void aRepeatedAcquireOrReleaseOfOneRunIsAnsweredWithoutRunningTheHandlerAgain() {
        List<PairState> answers = server.getWorkflowClient().newWorkflowStub(RetryingOperation.class,
                WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId("failover/test/1").build()).run(PAIR);

        assertEquals(answers.get(0), answers.get(1), "the holder asking again gets the same grant");
        assertEquals(answers.get(2), answers.get(3), "a repeated release is not a failure");
        assertNull(answers.get(3).inFlight());
        assertEquals("b", answers.get(3).active());
        List<String> ids = acceptedUpdateIds();
        assertEquals(2, ids.size(), "deduplicated by update id: " + ids);
        assertTrue(ids.get(0).startsWith("acquire/failover/test/1/"), ids::toString);
        assertTrue(ids.get(1).startsWith("release/failover/test/1/"), ids::toString);
    }
}
