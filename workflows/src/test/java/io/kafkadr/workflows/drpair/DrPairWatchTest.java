package io.kafkadr.workflows.drpair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The entity's watch on the active cluster, basis of the loss bound: an entity started without a
 * config (by an operation's lock request) starts watching as soon as replication is recorded. The
 * watch also restarts failed MM2 tasks and records each restart.
 */
class DrPairWatchTest {

    private static final String SOURCE = "mm2-test-primary-to-secondary-source";
    /** Where the history of the restart test is written. */
    static final Path RECORDED = Path.of("target", "recorded-histories", "dr-pair-task-restart-testenv.json");

    private final AtomicInteger watched = new AtomicInteger();
    /** Tasks Connect reports FAILED; a restart makes a task run again unless it keeps failing. */
    private final List<FailedTask> failed = new CopyOnWriteArrayList<>();
    private final List<FailedTask> restartedTasks = new CopyOnWriteArrayList<>();
    private volatile boolean keepsFailing;
    private WorkflowTestEnv env;

    /** Answers every watch with the same offsets and counts the calls; restarts what is failed. */
    public class CountingWatch implements ObservationActivities {
        @Override
        public Observation watchActive(PairConfig pair, String alias) {
            watched.incrementAndGet();
            return new Observation(List.of(new PartitionOffsets("orders", 0, 0, 10)), System.currentTimeMillis());
        }

        @Override
        public ReplicationHealth checkReplication(PairConfig pair, Direction direction) {
            return new ReplicationHealth(List.copyOf(failed), List.of());
        }

        @Override
        public List<TaskRestart> restartFailed(PairConfig pair, Direction direction, List<FailedTask> tasks) {
            restartedTasks.addAll(tasks);
            if (!keepsFailing) {
                failed.removeAll(tasks);
            }
            long now = Activity.getExecutionContext().getInfo().getScheduledTimestamp();
            return tasks.stream().map(t -> new TaskRestart(t.connector(), t.task(), t.trace(), now)).toList();
        }
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void afterAnUnplannedFailoverTheOldPrimaryIsFencedOnceItAnswers() {
        io.kafkadr.workflows.testing.FakeFailbackActivities fencer = new io.kafkadr.workflows.testing.FakeFailbackActivities();
        PairConfig pair = Pairs.pair();
        fencer.fence = new io.kafkadr.workflows.failback.WriteFence(pair.primary(),
                List.of(new io.kafkadr.workflows.failback.FenceAcl("orders", "User:orders-app")), List.of(), true);
        fencer.failNext("fenceWrites", io.temporal.failure.ApplicationFailure.newFailure("primary does not answer",
                "Unreachable"));
        env = WorkflowTestEnv.start(new CountingWatch(), fencer);
        // active on the secondary after an unplanned failover (loss figures recorded), no replication, no operation
        PairState afterUnplanned = new PairState(pair.name(), pair.secondary(), null, null, List.of(), List.of(), 0,
                List.of(), 0, pair.withoutClients(), List.of(), new LossSummary("failover/1", 5L, 10, 1000));
        WorkflowClient.start(env.newWorkflow(DrPairWorkflow.class, "dr-pair/fence")::run, afterUnplanned);
        DrPairWorkflow entity = env.client().newWorkflowStub(DrPairWorkflow.class, "dr-pair/fence");

        env.sleep(Duration.ofSeconds(5));
        assertEquals(1, fencer.count("fenceWrites"), "the first attempt found the primary silent");
        assertNull(entity.state().fence());
        env.sleep(DrPairWorkflowImpl.FENCE_RETRY.plusSeconds(2));

        assertEquals(2, fencer.count("fenceWrites"));
        assertEquals(fencer.fence, entity.state().fence(), "the fence stands and drctl status shows it");
        env.sleep(DrPairWorkflowImpl.FENCE_RETRY.plusSeconds(2));
        assertEquals(2, fencer.count("fenceWrites"), "fenced once");
    }

    @Test
    void startsWatchingOnceReplicationIsRecordedNotAMinuteLater() {
        env = WorkflowTestEnv.start(new CountingWatch());
        PairConfig pair = Pairs.pair();
        PairState unconfigured = new PairState(pair.name(), pair.primary(), null, null, List.of(), List.of(), 0);
        WorkflowClient.start(env.newWorkflow(DrPairWorkflow.class, "dr-pair/watch")::run, unconfigured);
        DrPairWorkflow entity = env.client().newWorkflowStub(DrPairWorkflow.class, "dr-pair/watch");

        entity.replicationDeployed(new ReplicationRecord(pair, Direction.primaryToSecondary(pair)));
        env.sleep(Duration.ofSeconds(pair.failover().observeIntervalSeconds() * 2L + 1));

        assertTrue(watched.get() >= 1, "the watch must run within two intervals of replication being recorded, ran "
                + watched.get() + " times");
    }

    @Test
    void aFailedTaskIsRestartedWithinOneIntervalAndTheRestartRecorded() throws IOException {
        DrPairWorkflow entity = watchingEntity("dr-pair/restart");
        int interval = Pairs.pair().failover().observeIntervalSeconds();
        env.sleep(Duration.ofSeconds(interval + 1));
        failed.add(new FailedTask(SOURCE, 1, "RecordTooLargeException: The message is 1048800 bytes"));

        env.sleep(Duration.ofSeconds(interval + 1));

        assertEquals(List.of(new FailedTask(SOURCE, 1, "RecordTooLargeException: The message is 1048800 bytes")),
                restartedTasks);
        List<TaskRestart> recorded = entity.state().taskRestarts();
        assertEquals(1, recorded.size(), recorded.toString());
        assertEquals(SOURCE, recorded.get(0).connector());
        assertEquals(1, recorded.get(0).task());
        assertTrue(recorded.get(0).trace().startsWith("RecordTooLargeException"), recorded.toString());

        // a history with a restart, copied to src/test/resources/histories for replay
        Files.createDirectories(RECORDED.getParent());
        Files.writeString(RECORDED, env.history("dr-pair/restart").toJson(true));
    }

    @Test
    void aTaskThatKeepsFailingIsRestartedLessAndLessOftenAndTheStateStaysBounded() {
        keepsFailing = true;
        // every 5 s (an interval a pair may set), so three hours stay a few thousand watch rounds
        DrPairWorkflow entity = watchingEntity("dr-pair/keeps-failing",
                Pairs.builder().observeIntervalSeconds(5).build());
        failed.add(new FailedTask(SOURCE, 0, "ConnectException: cannot write"));

        env.sleep(Duration.ofHours(3));

        // backoff doubling from one interval up to 5 minutes: about 36 restarts in 3 hours, not 2000
        int restarts = restartedTasks.size();
        assertTrue(restarts > 20 && restarts < 60, restarts + " restarts in 3 hours");
        assertEquals(PairState.RESTARTS_KEPT, entity.state().taskRestarts().size());
    }

    private DrPairWorkflow watchingEntity(String id) {
        return watchingEntity(id, Pairs.pair());
    }

    private DrPairWorkflow watchingEntity(String id, PairConfig pair) {
        env = WorkflowTestEnv.start(new CountingWatch());
        PairState unconfigured = new PairState(pair.name(), pair.primary(), null, null, List.of(), List.of(), 0);
        WorkflowClient.start(env.newWorkflow(DrPairWorkflow.class, id)::run, unconfigured);
        DrPairWorkflow entity = env.client().newWorkflowStub(DrPairWorkflow.class, id);
        entity.replicationDeployed(new ReplicationRecord(pair, Direction.primaryToSecondary(pair)));
        return entity;
    }
}
