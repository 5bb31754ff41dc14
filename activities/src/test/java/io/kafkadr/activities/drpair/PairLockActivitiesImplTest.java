package io.kafkadr.activities.drpair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.pair.Direction;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
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
    /** What the server's visibility lists (the test server has none): running operations, completed ones' effects. */
    private final List<OperationRef> running = new CopyOnWriteArrayList<>();
    private final List<RunEffect> completed = new CopyOnWriteArrayList<>();
    private final OperationRuns runs = new OperationRuns() {
        @Override
        public List<OperationRef> running(String pair) {
            return List.copyOf(running);
        }

        @Override
        public Stream<RunEffect> completed(PairConfig pair) {
            return List.copyOf(completed).stream();
        }
    };

    /** An operation that takes the lock, waits for {@code finish}, then gives it back, switching to {@code active}. */
    @WorkflowInterface
    public interface LockingOperation {
        @WorkflowMethod
        PairState run(PairConfig pair, String active);

        @SignalMethod
        void finish();
    }

    public static class LockingOperationImpl implements LockingOperation {
        private final PairLockActivities lock = Workflow.newActivityStub(PairLockActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
        private boolean finished;

        @Override
        public PairState run(PairConfig pair, String active) {
            String id = Workflow.getInfo().getWorkflowId();
            lock.acquire(pair, new LockRequest(id, "failover", Workflow.currentTimeMillis()));
            Workflow.await(() -> finished);
            return lock.release(pair, new Release(id, "completed", active, true, null, Workflow.currentTimeMillis()));
        }

        @Override
        public void finish() {
            finished = true;
        }
    }

    /** A part of an operation asking whether {@code operationId} holds the lock. */
    @WorkflowInterface
    public interface ConfirmingPart {
        @WorkflowMethod
        PairState run(PairConfig pair, String operationId);
    }

    public static class ConfirmingPartImpl implements ConfirmingPart {
        private final PairLockActivities lock = Workflow.newActivityStub(PairLockActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public PairState run(PairConfig pair, String operationId) {
            return lock.confirmHolder(pair, operationId);
        }
    }

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
        worker.registerWorkflowImplementationTypes(DrPairWorkflowImpl.class, RetryingOperationImpl.class,
                LockingOperationImpl.class, ConfirmingPartImpl.class);
        worker.registerActivitiesImplementations(new PairLockActivitiesImpl(server.getWorkflowClient(), TASK_QUEUE, runs));
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

    private <T> T operation(Class<T> type, String id) {
        return server.getWorkflowClient().newWorkflowStub(type,
                WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId(id).build());
    }

    private PairState entityState() {
        return server.getWorkflowClient().newUntypedWorkflowStub(DrPairWorkflow.workflowId(PAIR.name()))
                .query("state", PairState.class);
    }

    /** Starts an operation that takes the lock (and keeps it until finished), then terminates the pair's entity. */
    private LockingOperation holdsTheLockWhenTheEntityIsLost(String id) throws InterruptedException {
        completed.add(new RunEffect("replicate/test", null, true, new Direction("a", "b")));
        LockingOperation op = operation(LockingOperation.class, id);
        WorkflowClient.start(op::run, PAIR, "b");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!holder(id) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(holder(id), id + " never took the lock");
        server.getWorkflowClient().newUntypedWorkflowStub(DrPairWorkflow.workflowId(PAIR.name())).terminate("lost");
        running.add(new OperationRef(id, "failover", 1_000, 0, "running"));
        return op;
    }

    private boolean holder(String id) {
        try {
            return entityState().inFlight() != null && id.equals(entityState().inFlight().id());
        } catch (RuntimeException e) {
            return false; // not started yet
        }
    }

    @Test
    void aLostEntityComesBackHeldByTheOperationInFlightWhichReleasesItAndRecordsItsSwitch() throws Exception {
        LockingOperation first = holdsTheLockWhenTheEntityIsLost("failover/test/first");
        running.add(new OperationRef("failover/test/second", "failover", 2_000, 0, "running"));

        WorkflowFailedException refused = assertThrows(WorkflowFailedException.class,
                () -> operation(LockingOperation.class, "failover/test/second").run(PAIR, "b"));

        ApplicationFailure busy = rootApplicationFailure(refused);
        assertEquals(ActivityFailures.PAIR_BUSY, busy.getType());
        assertTrue(busy.getOriginalMessage().contains("is busy: failover operation 'failover/test/first'"),
                busy.getOriginalMessage());
        first.finish();
        PairState released = WorkflowStub.fromTyped(first).getResult(PairState.class);
        assertNull(released.inFlight());
        assertEquals("b", released.active(), "the first failover's switch was not recorded");
        assertEquals(List.of("failover/test/first"), released.past().stream().map(OperationRef::id).toList());
        assertEquals("b", entityState().active());
    }

    @Test
    void aReleaseToALostEntityRebuildsItHeldByTheReleaserAndIsAccepted() throws Exception {
        LockingOperation first = holdsTheLockWhenTheEntityIsLost("failover/test/first");

        first.finish();

        PairState released = WorkflowStub.fromTyped(first).getResult(PairState.class);
        assertNull(released.inFlight());
        assertEquals("b", released.active(), "the switch was not recorded");
        assertEquals(List.of("failover/test/first"), released.past().stream().map(OperationRef::id).toList());
    }

    @Test
    void aLostEntityConfirmsOnlyTheOperationInFlightAsTheHolder() throws Exception {
        holdsTheLockWhenTheEntityIsLost("failover/test/first");

        PairState confirmed = operation(ConfirmingPart.class, "part/1").run(PAIR, "failover/test/first");
        WorkflowFailedException refused = assertThrows(WorkflowFailedException.class,
                () -> operation(ConfirmingPart.class, "part/2").run(PAIR, "failover/test/other"));

        assertEquals("failover/test/first", confirmed.inFlight().id());
        ApplicationFailure notHolder = rootApplicationFailure(refused);
        assertEquals(ActivityFailures.NOT_LOCK_HOLDER, notHolder.getType());
        assertTrue(notHolder.getOriginalMessage().contains("held by failover 'failover/test/first'"),
                notHolder.getOriginalMessage());
    }

    private static ApplicationFailure rootApplicationFailure(Throwable thrown) {
        ApplicationFailure root = null;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ApplicationFailure af) {
                root = af;
            }
        }
        assertTrue(root != null, () -> "no ApplicationFailure in " + thrown);
        return root;
    }
}
