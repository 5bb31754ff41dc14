package io.kafkadr.workflows.drpair;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The entity's watch on the active cluster, basis of the loss bound: an entity started without a
 * config (by an operation's lock request) starts watching as soon as replication is recorded.
 */
class DrPairWatchTest {

    private final AtomicInteger watched = new AtomicInteger();
    private WorkflowTestEnv env;

    /** Answers every watch with the same offsets and counts the calls. */
    public class CountingWatch implements ObservationActivities {
        @Override
        public Observation watchActive(PairConfig pair, String alias) {
            watched.incrementAndGet();
            return new Observation(List.of(new PartitionOffsets("orders", 0, 0, 10)), System.currentTimeMillis());
        }
    }

    @AfterEach
    void stop() {
        env.close();
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
}
