package io.kafkadr.workflows.verify;

import static io.kafkadr.workflows.testing.Pairs.GROUP;
import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static io.kafkadr.workflows.testing.Pairs.TOPIC;
import static io.kafkadr.workflows.testing.Snapshots.offset;
import static io.kafkadr.workflows.testing.Snapshots.snapshot;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.cluster.MirrorState;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakePairActivities;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.RecordingFake.Call;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifyReplicationWorkflowTest {

    private static final long RECHECK_MILLIS = VerifyReplicationWorkflowImpl.RECHECK_INTERVAL.toMillis();
    private static final long TIMEOUT_MILLIS = Pairs.VERIFY_TIMEOUT_SECONDS * 1000L;

    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private WorkflowTestEnv env;
    private VerifyReplicationWorkflow workflow;

    @BeforeEach
    void startEnvironment() {
        env = WorkflowTestEnv.start(cluster, connect, new FakePairActivities(Pairs.pair()));
        workflow = env.newWorkflow(VerifyReplicationWorkflow.class, "verify-test");
        Figures.healthy(cluster, connect);
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    private VerificationReport verify(PairConfig pair) {
        return workflow.verify(new VerifyRequest(pair, null, null));
    }

    private static List<String> failedCheckNames(VerificationReport report) {
        return report.checks().stream().filter(c -> !c.passed()).map(Check::name).toList();
    }

    private static Check check(VerificationReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.checks()));
    }

    /**
     * Kept failing and gave up once another pause would overrun the verify timeout: not earlier
     * (the previous round still had time for a pause) and not later. Rounds themselves take a
     * little real time, so the round count is bounded rather than exact.
     */
    private static void assertGaveUpAtTheTimeout(VerificationReport report) {
        long elapsed = report.endedAtMillis() - report.startedAtMillis();
        long maxRounds = TIMEOUT_MILLIS / RECHECK_MILLIS + 1;
        assertAll("gave up at the timeout",
                () -> assertFalse(report.passed()),
                () -> assertTrue(report.attempts() > 1 && report.attempts() <= maxRounds,
                        "at most one round every " + RECHECK_MILLIS + " ms for " + TIMEOUT_MILLIS + " ms, got "
                                + report.attempts() + " rounds"),
                () -> assertTrue(elapsed + RECHECK_MILLIS > TIMEOUT_MILLIS && elapsed <= TIMEOUT_MILLIS + RECHECK_MILLIS,
                        "ended after " + elapsed + " ms of a " + TIMEOUT_MILLIS + " ms timeout"));
    }

    @Test
    void aConnectorThatIsNotRunningFailsItsCheck() {
        connect.returnsConnectorStatuses(List.of(new io.kafkadr.workflows.replication.ConnectorStatus(
                "mm2-test-primary-to-secondary-source", "RUNNING", 1, 2, 0, "task 1 FAILED")));

        VerificationReport report = verify(Pairs.pair());

        assertFalse(report.passed());
        Check check = report.checks().stream().filter(c -> c.name().startsWith("connector:")).findFirst().orElseThrow();
        assertEquals(1, check.value());
        assertEquals(2, check.threshold());
        assertTrue(check.detail().contains("task 1 FAILED"), check.detail());
    }

    @Test
    void healthyReplicationPassesOnTheFirstRound() {
        VerificationReport report = verify(Pairs.pair());

        assertTrue(report.passed(), () -> "failed: " + failedCheckNames(report));
        assertEquals(1, report.attempts());
        assertEquals(List.of("topic:orders", "topic-configs:orders", "count:orders-0", "lag:orders-0", "heartbeat",
                "connector:mm2-test-primary-to-secondary-source", "connector:mm2-test-primary-to-secondary-checkpoint",
                "connector:mm2-test-primary-to-secondary-heartbeat",
                "checkpoint:orders-app", "group-offsets-synced:orders-app"),
                report.checks().stream().map(Check::name).toList());
        assertEquals(List.of(new PartitionReport(TOPIC, TOPIC, 0, 100, 100, 100, 99, 0)), report.partitions());
        assertEquals(List.of(GROUP), report.groups().stream().map(GroupReport::group).toList());
        assertAll(
                () -> assertEquals(Pairs.NAME, report.pair()),
                () -> assertEquals(PRIMARY, report.source()),
                () -> assertEquals(SECONDARY, report.target()));
    }

    @Test
    void passesOnTheRoundTheTargetCatchesUp() {
        cluster.returnsSnapshots(SECONDARY, Figures.target(60), Figures.target(90), Figures.target());

        VerificationReport report = verify(Pairs.pair());

        assertTrue(report.passed(), () -> "failed: " + failedCheckNames(report));
        assertEquals(3, report.attempts());
        assertEquals(3, cluster.snapshotAliases().stream().filter(SECONDARY::equals).count());
        assertTrue(report.endedAtMillis() - report.startedAtMillis() >= 2 * RECHECK_MILLIS,
                "two pauses between three rounds");
        assertEquals("done", workflow.progress().step());
        assertEquals("all 10 checks passed", workflow.progress().detail());
    }

    @Test
    void reportsTheFailingChecksWhenTheTargetNeverCatchesUp() {
        cluster.returnsSnapshots(SECONDARY, Figures.target(80));

        VerificationReport report = verify(Pairs.pair());

        assertGaveUpAtTheTimeout(report);
        assertEquals(List.of("count:orders-0"), failedCheckNames(report));
        Check count = check(report, "count:orders-0");
        assertAll(
                () -> assertEquals(20, count.value()),
                () -> assertEquals(0, count.threshold()),
                () -> assertEquals("source 100, target 80 records", count.detail()));
        assertEquals(report.attempts(), connect.count("replicatedOffsets"), "every round reads fresh figures");
        assertEquals("done", workflow.progress().step());
        assertEquals("1 of 10 checks failed", workflow.progress().detail());
    }

    @Test
    void lagBeyondTheLastReplicatedOffsetFails() {
        connect.returnsReplicatedOffsets(List.of(offset(TOPIC, 0, 89)));

        VerificationReport report = verify(Pairs.pair());

        assertEquals(List.of("lag:orders-0"), failedCheckNames(report));
        assertEquals(10, check(report, "lag:orders-0").value());
    }

    /**
     * A transactional topic: the source's last offsets are a commit marker and an aborted
     * transaction, which MM2 never copies. Lag and counts are in records, so it passes.
     */
    @Test
    void transactionMarkersAndAbortedRecordsAreNoLagAndNoMissingRecords() {
        connect.returnsReplicatedOffsets(List.of(offset(TOPIC, 0, 94)));
        cluster.returnsSnapshots(SECONDARY, Figures.target(90))
                .withNonRecordOffsets(PRIMARY, TOPIC, 0, 10)
                .withNonRecordOffsets(SECONDARY, TOPIC, 0, 0);

        VerificationReport report = verify(Pairs.pair());

        assertTrue(report.passed(), () -> "failed: " + failedCheckNames(report));
        assertEquals(List.of(new PartitionReport(TOPIC, TOPIC, 0, 90, 90, 100, 94, 0, 0)), report.partitions(),
                "counted in records, and the start offset is the partition's, not end - records");
    }

    @Test
    void recordsNotYetCopiedBehindAMarkerStillLag() {
        connect.returnsReplicatedOffsets(List.of(offset(TOPIC, 0, 89)));
        cluster.withNonRecordOffsets(PRIMARY, TOPIC, 0, 1);

        VerificationReport report = verify(Pairs.pair());

        assertEquals(List.of("lag:orders-0"), failedCheckNames(report));
        assertEquals(9, check(report, "lag:orders-0").value());
    }

    /**
     * A transactional partition under live traffic: MM2 is behind, and the source's offsets hold
     * markers and aborted records. The count compares what MM2 copied record for record (the
     * source up to its last replicated offset); what is not copied yet is the lag check's alone.
     * Before, the count compared the whole source in offsets and failed with a wrong figure.
     */
    @Test
    void aLaggingTransactionalPartitionIsCountedInRecordsUpToWhatWasCopied() {
        connect.returnsReplicatedOffsets(List.of(offset(TOPIC, 0, 79)));
        cluster.returnsSnapshots(SECONDARY, Figures.target(70))
                .withNonRecordOffsets(PRIMARY, TOPIC, 0, 10)
                .withNonRecordOffsets(SECONDARY, TOPIC, 0, 0);

        VerificationReport report = verify(Pairs.pair());

        assertEquals(List.of("lag:orders-0"), failedCheckNames(report), "only the lag: the copied part is complete");
        assertEquals("source 70, target 70 records", check(report, "count:orders-0").detail());
        assertEquals(10, check(report, "lag:orders-0").value());
        assertEquals(0, report.partitions().get(0).sourceStartOffset());
    }

    @Test
    void missingHeartbeatFails() {
        cluster.returnsMirrorStates(new MirrorState(-1, -1, Figures.freshMirror().checkpoints()));

        VerificationReport report = verify(Pairs.pair());

        assertGaveUpAtTheTimeout(report);
        assertEquals(List.of("heartbeat"), failedCheckNames(report));
        assertEquals(-1, check(report, "heartbeat").value());
    }

    @Test
    void missingCheckpointsAndSyncedGroupOffsetsFail() {
        cluster.returnsMirrorStates(new MirrorState(Figures.freshMirror().lastHeartbeatMillis(), 2_000, List.of()))
                .returnsSnapshots(SECONDARY, snapshot(SECONDARY).topic(TOPIC, 1).partition(TOPIC, 0, 0, 100).build());

        VerificationReport report = verify(Pairs.pair());

        assertGaveUpAtTheTimeout(report);
        assertEquals(List.of("checkpoint:orders-app", "group-offsets-synced:orders-app"), failedCheckNames(report));
        assertAll(
                () -> assertEquals(0, check(report, "checkpoint:orders-app").value()),
                () -> assertEquals(1, check(report, "checkpoint:orders-app").threshold()),
                () -> assertEquals(0, check(report, "group-offsets-synced:orders-app").value()));
        assertEquals(List.of(new GroupReport(GROUP, List.of(offset(TOPIC, 0, 100)), List.of(), List.of())),
                report.groups());
    }

    @Test
    void passesOnceMirrorMakerSyncsTheGroupOffsets() {
        cluster.returnsSnapshots(SECONDARY,
                snapshot(SECONDARY).topic(TOPIC, 1).partition(TOPIC, 0, 0, 100).build(),
                Figures.target());

        VerificationReport report = verify(Pairs.pair());

        assertTrue(report.passed(), () -> "failed: " + failedCheckNames(report));
        assertEquals(2, report.attempts());
    }

    @Test
    void prefixPolicyInspectsThePrefixedTopicsOnTheTarget() {
        cluster.returnsSnapshots(SECONDARY, snapshot(SECONDARY).topic("primary.orders", 1)
                        .partition("primary.orders", 0, 0, 100).group(GROUP, offset("primary.orders", 0, 100)).build())
                .returnsMirrorStates(new MirrorState(1, 2_000, List.of(Figures.checkpoint(offset("primary.orders", 0, 100)))));

        VerificationReport report = verify(Pairs.builder().policy(ReplicationSettings.PREFIX).build());

        assertTrue(report.passed(), () -> "failed: " + failedCheckNames(report));
        Call targetSnapshot = cluster.calls("snapshot").stream()
                .filter(c -> c.arg(0).equals(SECONDARY)).findFirst().orElseThrow();
        assertEquals(List.of("primary.orders"), targetSnapshot.arg(1));
        assertEquals(List.of(GROUP), targetSnapshot.arg(2));
        assertEquals(List.of(new Direction(PRIMARY, SECONDARY)), connect.calls("replicatedOffsets").stream()
                .map(c -> c.arg(0)).toList());
    }

    @Test
    void noMatchedTopicIsAFailedCheck() {
        cluster.matchesTopics(PRIMARY)
                .returnsSnapshots(PRIMARY, snapshot(PRIMARY).group(GROUP).build())
                .returnsSnapshots(SECONDARY, snapshot(SECONDARY).group(GROUP).build());

        VerificationReport report = verify(Pairs.pair());

        assertGaveUpAtTheTimeout(report);
        assertEquals(List.of("topics-matched"), failedCheckNames(report));
    }

    @Test
    void loadsThePairFileThroughPairActivities() {
        VerificationReport report = workflow.verify(new VerifyRequest(null, "pairs/test.yaml", null));

        assertTrue(report.passed(), () -> "failed: " + failedCheckNames(report));
        assertEquals(Pairs.NAME, report.pair());
    }
}
