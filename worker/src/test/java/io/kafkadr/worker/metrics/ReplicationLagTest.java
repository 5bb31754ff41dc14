package io.kafkadr.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.worker.metrics.ReplicationLag.Copy;
import io.kafkadr.worker.metrics.ReplicationLag.Empty;
import io.kafkadr.worker.metrics.ReplicationLag.Lag;
import io.kafkadr.worker.metrics.ReplicationLag.NoOrigin;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReplicationLagTest {

    private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final long NOW = 1_000_000;

    @Test
    void behindByTheRecordsAfterTheNewestCopy() {
        // copies up to upstream 89 of a partition that ends at 100: offsets 90..99 are not copied
        OptionalLong first = ReplicationLag.firstUncopied(0, 100, ID, new Copy(89, ID));
        assertEquals(OptionalLong.of(90), first);
        Lag lag = ReplicationLag.lag(90, 100, Optional.of(NOW - 2_500), NOW);
        assertEquals(10, lag.records());
        assertEquals(2.5, lag.seconds());
    }

    @Test
    void caughtUpWhenTheNewestCopyIsTheLastRecord() {
        assertEquals(OptionalLong.of(100), ReplicationLag.firstUncopied(0, 100, ID, new Copy(99, ID)));
        assertEquals(Lag.NONE, ReplicationLag.lag(100, 100, Optional.empty(), NOW));
    }

    @Test
    void aPartitionEndingInACommitMarkerIsCaughtUp() {
        // a transaction wrote 90..98, its commit marker is 99: MM2's newest copy carries upstream 98,
        // and nothing but the marker is left between it and the end (100)
        OptionalLong first = ReplicationLag.firstUncopied(0, 100, ID, new Copy(98, ID));
        assertEquals(OptionalLong.of(99), first);
        assertEquals(Lag.NONE, ReplicationLag.lag(99, 100, Optional.empty(), NOW),
                "offset 99 holds no record (the read found none): not lag");
    }

    @Test
    void aTargetWithNoCopyYetLagsByEverythingOnTheSource() {
        OptionalLong first = ReplicationLag.firstUncopied(40, 100, ID, new Empty());
        assertEquals(OptionalLong.of(40), first, "from the source's log start: what retention deleted is not lag");
        Lag lag = ReplicationLag.lag(40, 100, Optional.of(NOW - 60_000), NOW);
        assertEquals(60, lag.records());
        assertEquals(60.0, lag.seconds());
        assertEquals(Lag.NONE, ReplicationLag.lag(0, 0, Optional.empty(), NOW), "both empty: nothing to copy");
    }

    @Test
    void copiesOfARecreatedTopicDoNotCount() {
        // the target's newest copy came from an earlier topic of the same name (another id)
        assertEquals(OptionalLong.of(0), ReplicationLag.firstUncopied(0, 30, ID, new Copy(500, "BBBBBBBBBBBBBBBBBBBBBB")));
        // a copy without topic id, beyond what the source holds now: the source was recreated
        assertEquals(OptionalLong.of(0), ReplicationLag.firstUncopied(0, 30, ID, new Copy(500, "")));
        // a copy without topic id within the source's range counts
        assertEquals(OptionalLong.of(21), ReplicationLag.firstUncopied(0, 30, ID, new Copy(20, "")));
    }

    @Test
    void recordsDeletedBeforeTheyWereCopiedAreNotLag() {
        assertEquals(OptionalLong.of(50), ReplicationLag.firstUncopied(50, 80, ID, new Copy(10, ID)));
    }

    @Test
    void aTargetWhoseLastRecordsCarryNoOriginIsNotMeasured() {
        assertTrue(ReplicationLag.firstUncopied(0, 100, ID, new NoOrigin()).isEmpty());
    }

    @Test
    void aSourceClockAheadGivesNoNegativeAge() {
        assertEquals(0.0, ReplicationLag.lag(5, 10, Optional.of(NOW + 5_000), NOW).seconds());
    }

    @Test
    void afterAFailbackTheSourcesCopiesFromTheTargetAreNotLag() {
        // the recreated primary topic holds 500 copies from the secondary, then 40 records of its own
        java.util.function.LongFunction<Optional<ReplicationLag.SourceRecord>> records = at -> at >= 540 ? Optional.empty()
                : Optional.of(new ReplicationLag.SourceRecord(at, at < 500));
        int[] reads = {0};
        ReplicationLag.SourceProbe probe = at -> {
            reads[0]++;
            return records.apply(at);
        };
        assertTrue(ReplicationLag.nothingCopied(540, ID, new Copy(900, "BBBBBBBBBBBBBBBBBBBBBB")),
                "the target's newest copy is of the earlier topic");
        assertEquals(500, ReplicationLag.firstOwn(0, 540, probe));
        assertTrue(reads[0] <= 11, "a binary search: " + reads[0] + " reads");
        // only copies from the target: nothing to copy
        assertEquals(500, ReplicationLag.firstOwn(0, 500, at -> at >= 500 ? Optional.empty()
                : Optional.of(new ReplicationLag.SourceRecord(at, true))));
        assertEquals(Lag.NONE, ReplicationLag.lag(500, 500, Optional.empty(), NOW));
        // no copy from the target at all (a new topic): everything from the start
        assertEquals(7, ReplicationLag.firstOwn(7, 90, at -> Optional.of(new ReplicationLag.SourceRecord(at, false))));
        // copies from the target, then a transaction marker at 300, then own records from 301
        assertEquals(300, ReplicationLag.firstOwn(0, 400, at -> Optional.of(at < 300
                ? new ReplicationLag.SourceRecord(at, true) : new ReplicationLag.SourceRecord(Math.max(at, 301), false))));
    }

    @Test
    void aCopyOfThisIncarnationMeansSomethingWasCopied() {
        assertTrue(!ReplicationLag.nothingCopied(100, ID, new Copy(50, ID)));
        assertTrue(!ReplicationLag.nothingCopied(100, ID, new NoOrigin()));
        assertTrue(ReplicationLag.nothingCopied(100, ID, new Empty()));
    }
}
