package io.kafkadr.local.apps;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loss and duplicates counted from the sample apps' ledgers, written here as the apps write them:
 * producer lines {@code id seq cluster topic partition offset}, consumer lines
 * {@code id cluster topic partition offset}, tab-separated.
 */
class LedgerAuditTest {

    private static final String PRODUCER = "p1";

    @TempDir
    Path dir;

    private Path producerLedger;
    private Path consumerLedger;
    private final List<String> produced = new ArrayList<>();
    private final List<String> consumed = new ArrayList<>();

    @BeforeEach
    void ledgers() {
        producerLedger = dir.resolve("producer-" + PRODUCER + ".tsv");
        consumerLedger = dir.resolve("consumer-orders-app.tsv");
    }

    private static String id(long seq) {
        return RecordIds.id(PRODUCER, seq);
    }

    /** The producer acknowledged sequences {@code from..to} (inclusive) on {@code cluster}, offset = seq. */
    private LedgerAuditTest acked(String cluster, long from, long to) {
        LongStream.rangeClosed(from, to).forEach(seq ->
                produced.add(String.join("\t", id(seq), Long.toString(seq), cluster, "orders", "0", Long.toString(seq))));
        return this;
    }

    /** The consumer read the records of these sequences on {@code cluster}. */
    private LedgerAuditTest consumed(String cluster, long... seqs) {
        for (long seq : seqs) {
            consumedId(cluster, id(seq));
        }
        return this;
    }

    private LedgerAuditTest consumedRange(String cluster, long from, long to) {
        return consumed(cluster, LongStream.rangeClosed(from, to).toArray());
    }

    private LedgerAuditTest consumedId(String cluster, String id) {
        consumed.add(String.join("\t", id, cluster, "orders", "0", Integer.toString(consumed.size())));
        return this;
    }

    private LedgerAudit audit(long fromSeq) throws IOException {
        Files.write(producerLedger, produced, StandardCharsets.UTF_8);
        Files.write(consumerLedger, consumed, StandardCharsets.UTF_8);
        return LedgerAudit.of(producerLedger, consumerLedger, fromSeq);
    }

    @Test
    void everyAckedRecordConsumedOnceIsClean() throws IOException {
        acked("primary", 0, 9).consumedRange("primary", 0, 9);

        assertEquals(new LedgerAudit(10, 10, 0, 0, 10, List.of()), audit(0));
    }

    @Test
    void countsAckedRecordsNeverConsumedAsLost() throws IOException {
        acked("primary", 0, 4).acked("secondary", 5, 9)
                .consumedRange("primary", 0, 3).consumedRange("secondary", 6, 9);

        LedgerAudit audit = audit(0);

        assertAll(
                () -> assertEquals(10, audit.acked()),
                () -> assertEquals(8, audit.consumed()),
                () -> assertEquals(2, audit.lost()),
                () -> assertEquals(0, audit.duplicates()),
                () -> assertEquals(List.of(id(4), id(5)), audit.lostSample()));
    }

    @Test
    void countsEveryExtraDeliveryAsADuplicate() throws IOException {
        acked("primary", 0, 5).consumedRange("primary", 0, 5)
                .consumed("secondary", 4, 5, 5); // re-delivered after the failover, 5 twice

        LedgerAudit audit = audit(0);

        assertEquals(9, audit.consumed());
        assertEquals(3, audit.duplicates());
        assertEquals(0, audit.lost());
    }

    @Test
    void fromSeqLimitsTheAuditToLaterRecords() throws IOException {
        acked("primary", 0, 9).consumedRange("primary", 0, 2).consumedRange("primary", 5, 9).consumed("primary", 7);

        LedgerAudit audit = audit(5);

        assertAll(
                () -> assertEquals(5, audit.acked(), "sequences 5..9"),
                () -> assertEquals(6, audit.consumed()),
                () -> assertEquals(0, audit.lost(), "3 and 4 were lost before the scope"),
                () -> assertEquals(1, audit.duplicates()),
                () -> assertEquals(10, audit.nextSeq(), "the scope does not change the next sequence"));
    }

    @Test
    void ignoresConsumedRecordsTheProducerNeverAcknowledged() throws IOException {
        acked("primary", 0, 2).consumedRange("primary", 0, 2)
                .consumed("primary", 3)               // sent but not acknowledged before a kill -9
                .consumedId("primary", "p2-0")        // another producer
                .consumedId("primary", "null");       // a record without id header

        LedgerAudit audit = audit(0);

        assertEquals(new LedgerAudit(3, 3, 0, 0, 3, List.of()), audit);
    }

    @Test
    void nextSeqFollowsTheHighestSequenceEvenOutOfOrder() throws IOException {
        acked("primary", 5, 7).acked("primary", 0, 2); // acknowledgements arrive out of order

        assertEquals(8, audit(0).nextSeq());
    }

    @Test
    void lostSampleKeepsAFewIds() throws IOException {
        acked("primary", 0, 29).consumed("primary", 0);

        LedgerAudit audit = audit(0);

        assertEquals(29, audit.lost());
        assertEquals(10, audit.lostSample().size());
        assertTrue(audit.lostSample().stream().allMatch(id -> id.startsWith(PRODUCER + "-") && !id.equals(id(0))),
                () -> "sample: " + audit.lostSample());
        assertEquals(10, audit.lostSample().stream().distinct().count(), "distinct ids");
    }

    @Test
    void missingLedgersAreEmpty() {
        LedgerAudit audit = LedgerAudit.of(dir.resolve("none-p.tsv"), dir.resolve("none-c.tsv"), 0);

        assertEquals(new LedgerAudit(0, 0, 0, 0, 0, List.of()), audit);
    }

    @Test
    void readsLedgersWrittenByTheApps() throws IOException {
        try (Ledger producer = new Ledger(producerLedger); Ledger consumer = new Ledger(consumerLedger)) {
            producer.append(id(0), 0, "primary", "orders", 0, 41L);
            producer.append(id(1), 1, "primary", "orders", 1, 17L);
            consumer.append(id(1), "secondary", "orders", 1, 17L);
        }

        LedgerAudit audit = LedgerAudit.of(producerLedger, consumerLedger, 0);

        assertEquals(new LedgerAudit(2, 1, 1, 0, 2, List.of(id(0))), audit);
    }
}
