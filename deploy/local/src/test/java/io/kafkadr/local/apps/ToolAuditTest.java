package io.kafkadr.local.apps;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.local.apps.ToolEvents.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit over Kafka's test clients' output, fed with lines in the exact JSON those tools
 * print (kafka-tools 4.3.1) and the {@code kafkadr_run} lines {@link KafkaToolRunner} adds.
 */
class ToolAuditTest {

    @TempDir
    Path dir;

    private static String run(String tool, String cluster, int run) {
        return "{\"name\":\"kafkadr_run\",\"tool\":\"" + tool + "\",\"cluster\":\"" + cluster + "\",\"run\":" + run
                + ",\"timestamp\":1,\"args\":[\"--topic\",\"vt-orders\"]}";
    }

    private static String acked(String value, int partition, long offset) {
        return "{\"timestamp\":1795644618423,\"name\":\"producer_send_success\",\"key\":null,\"value\":\"" + value
                + "\",\"offset\":" + offset + ",\"topic\":\"vt-orders\",\"partition\":" + partition + "}";
    }

    private static String consumed(String value, int partition, long offset) {
        return "{\"timestamp\":1795644618423,\"name\":\"record_data\",\"key\":null,\"value\":\"" + value
                + "\",\"offset\":" + offset + ",\"topic\":\"vt-orders\",\"partition\":" + partition + "}";
    }

    @Test
    void acknowledgedRecordsConsumedOnceAreNeitherLostNorDuplicated() {
        List<Event> producer = ToolEvents.parse(List.of(run("VerifiableProducer", "primary", 1),
                "{\"timestamp\":1,\"name\":\"startup_complete\"}", acked("1.0", 0, 0), acked("1.1", 1, 0)));
        List<Event> consumer = ToolEvents.parse(List.of(run("VerifiableConsumer", "primary", 1),
                consumed("1.0", 0, 0), consumed("1.1", 1, 0)));

        ToolAudit audit = ToolAudit.of("vt-orders", "vt-orders", "vt-app", List.of(producer), consumer);

        assertAll(() -> assertEquals(2, audit.acknowledged()), () -> assertEquals(2, audit.consumed()),
                () -> assertEquals(0, audit.lost()), () -> assertEquals(0, audit.duplicated()),
                () -> assertTrue(audit.clean()));
    }

    @Test
    void aRecordAcknowledgedButNeverConsumedIsLostAndAReReadIsADuplicateAcrossClusters() {
        List<Event> before = ToolEvents.parse(List.of(run("VerifiableProducer", "primary", 1),
                acked("1.0", 0, 0), acked("1.1", 0, 1), acked("1.2", 0, 2)));
        // restarted on the secondary with the next value prefix: values never repeat
        List<Event> after = ToolEvents.parse(List.of(run("VerifiableProducer", "secondary", 1), acked("2.0", 0, 3)));
        // the group re-reads 1.1 on the secondary (its offset there differs), never gets 1.2
        List<Event> consumer = ToolEvents.parse(List.of(run("VerifiableConsumer", "primary", 1),
                consumed("1.0", 0, 0), consumed("1.1", 0, 1), run("VerifiableConsumer", "secondary", 2),
                consumed("1.1", 0, 7), consumed("2.0", 0, 9)));

        ToolAudit audit = ToolAudit.of("vt-orders", "vt-orders", "vt-app", List.of(before, after), consumer);

        assertAll(() -> assertEquals(4, audit.acknowledged()), () -> assertEquals(4, audit.consumed()),
                () -> assertEquals(3, audit.consumedDistinct()), () -> assertEquals(1, audit.lost()),
                () -> assertEquals(List.of("1.2"), audit.lostSample()), () -> assertEquals(1, audit.duplicated()),
                () -> assertEquals("1.1 at [primary:vt-orders-0@1, secondary:vt-orders-0@7]", audit.duplicatedSample().get(0)),
                () -> assertEquals(Map.of("primary", 3L, "secondary", 1L), audit.acknowledgedByCluster()),
                () -> assertEquals(Map.of("primary", 2L, "secondary", 2L), audit.consumedByCluster()));
    }

    @Test
    void sendErrorsAndRecordsNobodyAcknowledgedAreReportedApartAndOtherTopicsIgnored() {
        List<Event> producer = ToolEvents.parse(List.of(run("VerifiableProducer", "primary", 1), acked("1.0", 0, 0),
                "{\"timestamp\":1,\"name\":\"producer_send_error\",\"exception\":\"class org.apache.kafka.common.errors.TimeoutException\","
                        + "\"message\":\"Expiring 1 record(s)\",\"topic\":\"vt-orders\",\"key\":null,\"value\":\"1.1\"}",
                acked("1.0", 0, 0).replace("vt-orders", "other")));
        List<Event> consumer = ToolEvents.parse(List.of(consumed("1.0", 0, 0), consumed("1.1", 0, 1),
                consumed("9.9", 0, 2).replace("vt-orders", "other")));

        ToolAudit audit = ToolAudit.of("vt-orders", "vt-orders", "vt-app", List.of(producer), consumer);

        assertAll(() -> assertEquals(1, audit.acknowledged()), () -> assertEquals(1, audit.sendErrors()),
                () -> assertEquals(2, audit.consumed()), () -> assertEquals(1, audit.unacknowledgedConsumed()),
                () -> assertEquals(0, audit.lost()));
    }

    @Test
    void aLineCutShortByAKillAndStrayLogLinesAreSkipped() {
        List<Event> events = ToolEvents.parse(List.of(run("VerifiableConsumer", "primary", 1),
                "[2026-11-25 22:10:00,000] WARN something (org.apache.kafka.clients.NetworkClient)",
                consumed("1.0", 0, 0), "{\"timestamp\":1795644618423,\"name\":\"record_da"));

        assertEquals(1, events.size());
        assertEquals("primary", events.get(0).cluster());
        assertEquals("primary:vt-orders-0@0", events.get(0).position());
    }

    @Test
    void theCopiersCommittedCountIsItsHighestTotalPerRunSummedAndAbortedReadsAreFoundByPosition() {
        List<Event> copier = ToolEvents.parse(List.of(run("TransactionalMessageCopier", "primary", 1),
                "{\"transactionalId\":\"txc\",\"stage\":\"ProcessLoop\",\"time\":\"t\",\"totalProcessed\":0,\"consumed\":0,\"remaining\":5}",
                "{\"transactionalId\":\"txc\",\"stage\":\"ProcessLoop\",\"time\":\"t\",\"totalProcessed\":100,\"consumed\":100,\"remaining\":15}",
                "{\"transactionalId\":\"txc\",\"stage\":\"ShutdownComplete\",\"time\":\"t\",\"totalProcessed\":120,\"consumed\":120,\"remaining\":-5}",
                run("TransactionalMessageCopier", "secondary", 2),
                "{\"transactionalId\":\"txc\",\"stage\":\"ProcessLoop\",\"time\":\"t\",\"totalProcessed\":40,\"consumed\":40,\"remaining\":0}"));
        assertEquals(160, TransactionAudit.committedByTool(copier));

        List<Event> consumer = ToolEvents.parse(List.of(run("VerifiableConsumer", "primary", 1),
                consumed("1.0", 0, 0).replace("vt-orders", "tx-orders"), consumed("1.0", 0, 3).replace("vt-orders", "tx-orders")));
        TransactionAudit.GroupCheck check = TransactionAudit.check("tx-app", "read_committed", "tx-orders", consumer,
                Set.of("primary:tx-orders-0@3", "secondary:tx-orders-0@0"));
        assertAll(() -> assertEquals(2, check.consumed()), () -> assertEquals(1, check.consumedAborted()),
                () -> assertEquals(List.of("primary:tx-orders-0@3=1.0"), check.sample()));
    }

    @Test
    void valuePrefixesNeverRepeat() throws Exception {
        List<Integer> prefixes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            prefixes.add(ValuePrefixes.next(dir));
        }
        assertEquals(List.of(1, 2, 3), prefixes);
        assertEquals("3", Files.readString(dir.resolve("value-prefix.counter")).trim());
    }
}
