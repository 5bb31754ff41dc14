package io.kafkadr.workflows.verify;

import static io.kafkadr.workflows.testing.Pairs.GROUP;
import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.SECONDARY;
import static io.kafkadr.workflows.testing.Snapshots.offset;
import static io.kafkadr.workflows.testing.Snapshots.snapshot;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.cluster.ClusterSnapshot;
import io.kafkadr.workflows.cluster.MirrorState;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.replication.ConnectorStatus;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.Pairs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicationChecksTest {

    private static final PairConfig IDENTITY = Pairs.pair();
    private static final PairConfig PREFIX = Pairs.builder().policy(ReplicationSettings.PREFIX).build();

    private static ReplicationChecks checks(PairConfig pair) {
        return new ReplicationChecks(pair, PRIMARY);
    }

    private static Check named(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + checks));
    }

    private static void assertCheck(Check check, long value, long threshold, boolean passed) {
        assertAll(check.name(),
                () -> assertEquals(value, check.value(), "value of " + check),
                () -> assertEquals(threshold, check.threshold(), "threshold of " + check),
                () -> assertEquals(passed, check.passed(), "passed of " + check));
    }

    @Nested
    class Topics {

        private List<Check> topicChecks(PairConfig pair, ClusterSnapshot target) {
            ClusterSnapshot source = snapshot(PRIMARY).topic("orders", 3, Map.of("retention.ms", "86400000")).build();
            return checks(pair).topicChecks(source, target);
        }

        @Test
        void identityPolicyLooksForTheSameNameOnTheTarget() {
            List<Check> checks = topicChecks(IDENTITY,
                    snapshot(SECONDARY).topic("orders", 3, Map.of("retention.ms", "86400000")).build());

            assertEquals(List.of("topic:orders", "topic-configs:orders"), checks.stream().map(Check::name).toList());
            assertCheck(named(checks, "topic:orders"), 3, 3, true);
            assertCheck(named(checks, "topic-configs:orders"), 0, 0, true);
        }

        @Test
        void prefixPolicyLooksForTheSourceAliasPrefixedName() {
            List<Check> checks = topicChecks(PREFIX, snapshot(SECONDARY)
                    .topic("orders", 1)
                    .topic("primary.orders", 3, Map.of("retention.ms", "86400000")).build());

            assertEquals(List.of("topic:primary.orders", "topic-configs:primary.orders"),
                    checks.stream().map(Check::name).toList());
            assertTrue(checks.stream().allMatch(Check::passed), checks::toString);
        }

        @Test
        void missingTargetTopicFails() {
            Check topic = named(topicChecks(IDENTITY, snapshot(SECONDARY).build()), "topic:orders");

            assertCheck(topic, 0, 3, false);
            assertEquals("missing on secondary", topic.detail());
        }

        @Test
        void topicReportedMissingByTheSnapshotFails() {
            Check topic = named(topicChecks(IDENTITY, snapshot(SECONDARY).missingTopic("orders").build()), "topic:orders");

            assertFalse(topic.passed());
            assertTrue(topic.detail().contains("missing"), topic.detail());
        }

        @Test
        void partitionCountMismatchFails() {
            Check topic = named(topicChecks(IDENTITY, snapshot(SECONDARY).topic("orders", 2).build()), "topic:orders");

            assertCheck(topic, 2, 3, false);
            assertEquals("2 partitions on secondary, 3 on primary", topic.detail());
        }

        @Test
        void countsMismatchedSyncedConfigsAndIgnoresTheOthers() {
            ClusterSnapshot source = snapshot(PRIMARY).topic("orders", 1, Map.of(
                    "retention.ms", "86400000",          // synced, differs on the target
                    "cleanup.policy", "compact",         // synced, missing on the target
                    "max.message.bytes", "2097152",      // not synced: kafka-dr sets it higher on the target
                    "min.insync.replicas", "2",          // not synced by MM2: ignored
                    "segment.ms", "3600000")).build();    // not synced: ignored
            ClusterSnapshot target = snapshot(SECONDARY).topic("orders", 1, Map.of(
                    "retention.ms", "604800000",
                    "max.message.bytes", "2097298",      // the source's plus the provenance headers' room
                    "min.insync.replicas", "1")).build();

            Check configs = named(checks(IDENTITY).topicChecks(source, target), "topic-configs:orders");

            assertCheck(configs, 2, 0, false);
            assertEquals("cleanup.policy=compact on source, default on target; "
                    + "retention.ms=86400000 on source, 604800000 on target", configs.detail());
        }

        @Test
        void configsSetOnlyOnTheTargetAreNotAMismatch() {
            Check configs = named(topicChecks(IDENTITY, snapshot(SECONDARY).topic("orders", 3,
                    Map.of("retention.ms", "86400000", "retention.bytes", "1073741824")).build()), "topic-configs:orders");

            assertCheck(configs, 0, 0, true);
        }
    }

    @Nested
    class Partitions {

        private PartitionReport report(PairConfig pair, long start, long end, long targetCount,
                                       List<PartitionOffset> replicated) {
            ClusterSnapshot source = snapshot(PRIMARY).partition("orders", 0, start, end).build();
            String remote = pair.replication().remoteTopic(PRIMARY, "orders");
            ClusterSnapshot target = snapshot(SECONDARY).partition(remote, 0, 0, targetCount).build();
            List<PartitionReport> reports = checks(pair).partitions(source, target, replicated);
            assertEquals(1, reports.size());
            return reports.get(0);
        }

        @Test
        void lagCountsRecordsBeyondTheLastReplicatedOffset() {
            PartitionReport p = report(IDENTITY, 0, 100, 90, List.of(offset("orders", 0, 89)));

            assertEquals(new PartitionReport("orders", "orders", 0, 100, 90, 100, 89, 10), p);
        }

        @Test
        void nothingReplicatedLagsByEverythingFromTheLogStart() {
            PartitionReport p = report(IDENTITY, 40, 100, 0, List.of());

            assertAll(
                    () -> assertEquals(-1, p.lastReplicatedOffset()),
                    () -> assertEquals(60, p.sourceCount()),
                    () -> assertEquals(60, p.lag()));
        }

        @Test
        void lastReplicatedBelowTheLogStartCountsFromTheLogStart() {
            assertEquals(60, report(IDENTITY, 40, 100, 0, List.of(offset("orders", 0, 10))).lag());
        }

        @Test
        void fullyReplicatedHasNoLag() {
            assertEquals(0, report(IDENTITY, 0, 100, 100, List.of(offset("orders", 0, 99))).lag());
        }

        @Test
        void replicatedOffsetsOfOtherPartitionsDoNotCount() {
            PartitionReport p = report(IDENTITY, 0, 100, 100, List.of(offset("orders", 1, 99), offset("payments", 0, 99)));

            assertEquals(100, p.lag());
        }

        @Test
        void prefixPolicyReadsTheTargetCountFromThePrefixedTopic() {
            PartitionReport p = report(PREFIX, 0, 100, 70, List.of(offset("orders", 0, 99)));

            assertAll(
                    () -> assertEquals("orders", p.topic()),
                    () -> assertEquals("primary.orders", p.targetTopic()),
                    () -> assertEquals(70, p.targetCount()));
        }

        @Test
        void partitionMissingOnTheTargetCountsZeroRecords() {
            ClusterSnapshot source = snapshot(PRIMARY).partition("orders", 0, 0, 5).build();

            PartitionReport p = checks(IDENTITY).partitions(source, snapshot(SECONDARY).build(), List.of()).get(0);

            assertEquals(0, p.targetCount());
        }

        @ParameterizedTest(name = "tolerance {0}, target {1} of 100 records -> passed {2}")
        @CsvSource({"0, 100, true", "0, 99, false", "5, 95, true", "5, 94, false", "5, 105, true", "5, 106, false"})
        void countCheckHonoursTheTolerance(long tolerance, long targetCount, boolean passed) {
            PairConfig pair = Pairs.builder().countTolerance(tolerance).build();
            PartitionReport p = report(pair, 0, 100, targetCount, List.of(offset("orders", 0, 99)));

            Check count = named(checks(pair).partitionChecks(List.of(p)), "count:orders-0");

            assertCheck(count, Math.abs(100 - targetCount), tolerance, passed);
            assertEquals("source 100, target " + targetCount + " records", count.detail());
        }

        @ParameterizedTest(name = "max lag {0}, last replicated {1} -> passed {2}")
        @CsvSource({"0, 99, true", "0, 98, false", "10, 89, true", "10, 88, false"})
        void lagCheckHonoursMaxLag(long maxLag, long lastReplicated, boolean passed) {
            PairConfig pair = Pairs.builder().maxLag(maxLag).build();
            PartitionReport p = report(pair, 0, 100, 100, List.of(offset("orders", 0, lastReplicated)));

            assertCheck(named(checks(pair).partitionChecks(List.of(p)), "lag:orders-0"), 99 - lastReplicated, maxLag, passed);
        }

        @Test
        void checksAreNamedAfterTheTargetTopic() {
            PartitionReport p = report(PREFIX, 0, 100, 100, List.of(offset("orders", 0, 99)));

            assertEquals(List.of("count:primary.orders-0", "lag:primary.orders-0"),
                    checks(PREFIX).partitionChecks(List.of(p)).stream().map(Check::name).toList());
        }
    }

    @Nested
    class Heartbeat {

        @Test
        void freshHeartbeatPasses() {
            assertCheck(checks(IDENTITY).heartbeatCheck(new MirrorState(1, 29_999, List.of())), 29_999, 30_000, true);
        }

        @Test
        void staleHeartbeatFails() {
            assertCheck(checks(IDENTITY).heartbeatCheck(new MirrorState(1, 30_001, List.of())), 30_001, 30_000, false);
        }

        @Test
        void missingHeartbeatFails() {
            Check heartbeat = checks(IDENTITY).heartbeatCheck(new MirrorState(-1, -1, List.of()));

            assertCheck(heartbeat, -1, 30_000, false);
            assertEquals("no heartbeat from primary on the target", heartbeat.detail());
        }
    }

    @Nested
    class Connectors {

        @Test
        void aVerificationFailsWhileAnyTaskIsFailed() {
            List<Check> connectors = checks(IDENTITY).connectorChecks(List.of(
                    new ConnectorStatus("mm2-local-primary-to-secondary-source", "RUNNING", 2, 3, 0,
                            "org.apache.kafka.common.errors.RecordTooLargeException: The message is 1048800 bytes"),
                    new ConnectorStatus("mm2-local-primary-to-secondary-heartbeat", "RUNNING", 1, 1, 0, null)));

            Check source = named(connectors, "connector:mm2-local-primary-to-secondary-source");
            assertCheck(source, 2, 3, false);
            assertEquals("RUNNING: org.apache.kafka.common.errors.RecordTooLargeException: The message is 1048800 bytes",
                    source.detail());
            assertCheck(named(connectors, "connector:mm2-local-primary-to-secondary-heartbeat"), 1, 1, true);
        }

        @Test
        void aFailedConnectorFailsItsCheck() {
            Check failed = checks(IDENTITY).connectorChecks(List.of(
                    new ConnectorStatus("mm2-local-primary-to-secondary-source", "FAILED", 0, 0, 0, "boom"))).get(0);
            assertEquals(false, failed.passed());
        }
    }

    @Nested
    class Groups {

        private List<Check> groupChecks(PairConfig pair, MirrorState mirror, ClusterSnapshot target) {
            ClusterSnapshot source = snapshot(PRIMARY)
                    .group(GROUP, offset("orders", 0, 50), offset("orders", 1, 60)).build();
            ReplicationChecks checks = checks(pair);
            return checks.groupChecks(checks.groups(source, target, mirror));
        }

        private static MirrorState checkpoints(PartitionOffset... translated) {
            return new MirrorState(1, 1, List.of(Figures.checkpoint(translated)));
        }

        @Test
        void checkpointedAndSyncedGroupPasses() {
            List<Check> checks = groupChecks(IDENTITY,
                    checkpoints(offset("orders", 0, 50), offset("orders", 1, 60)),
                    snapshot(SECONDARY).group(GROUP, offset("orders", 0, 50), offset("orders", 1, 60)).build());

            assertCheck(named(checks, "checkpoint:orders-app"), 2, 2, true);
            assertCheck(named(checks, "group-offsets-synced:orders-app"), 2, 2, true);
        }

        @Test
        void partitionsWithoutCheckpointOrSyncedOffsetFail() {
            List<Check> checks = groupChecks(IDENTITY, checkpoints(offset("orders", 0, 50)), snapshot(SECONDARY).build());

            Check checkpoint = named(checks, "checkpoint:orders-app");
            assertCheck(checkpoint, 1, 2, false);
            assertEquals("2 partitions committed on primary, 1 checkpointed", checkpoint.detail());
            assertCheck(named(checks, "group-offsets-synced:orders-app"), 0, 2, false);
        }

        @Test
        void prefixPolicyExpectsOffsetsOnThePrefixedTopic() {
            List<Check> unprefixed = groupChecks(PREFIX,
                    checkpoints(offset("orders", 0, 50), offset("orders", 1, 60)),
                    snapshot(SECONDARY).group(GROUP, offset("orders", 0, 50), offset("orders", 1, 60)).build());
            List<Check> prefixed = groupChecks(PREFIX,
                    checkpoints(offset("primary.orders", 0, 50), offset("primary.orders", 1, 60)),
                    snapshot(SECONDARY).group(GROUP, offset("primary.orders", 0, 50), offset("primary.orders", 1, 60)).build());

            assertTrue(unprefixed.stream().noneMatch(Check::passed), unprefixed::toString);
            assertTrue(prefixed.stream().allMatch(Check::passed), prefixed::toString);
        }

        @Test
        void groupUnknownEverywhereIsReportedEmptyAndPassesVacuously() {
            ReplicationChecks checks = checks(IDENTITY);
            List<GroupReport> groups = checks.groups(snapshot(PRIMARY).build(), snapshot(SECONDARY).build(),
                    new MirrorState(1, 1, List.of()));

            assertEquals(List.of(new GroupReport(GROUP, List.of(), List.of(), List.of())), groups);
            assertTrue(checks.groupChecks(groups).stream().allMatch(Check::passed));
        }
    }
}
