package io.kafkadr.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.worker.metrics.ReplicationLag.Lag;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lag once the first source offset not copied is known (that decision: CopyProgressTest in activities). */
class ReplicationLagTest {

    private static final long NOW = 1_000_000;

    @Test
    void behindByTheRecordsAfterTheNewestCopy() {
        // copies up to upstream 89 of a partition that ends at 100: offsets 90..99 are not copied
        Lag lag = ReplicationLag.lag(90, 100, Optional.of(NOW - 2_500), NOW);
        assertEquals(10, lag.records());
        assertEquals(2.5, lag.seconds());
    }

    @Test
    void caughtUpWhenTheNewestCopyIsTheLastRecord() {
        assertEquals(Lag.NONE, ReplicationLag.lag(100, 100, Optional.empty(), NOW));
    }

    @Test
    void aPartitionEndingInACommitMarkerIsCaughtUp() {
        assertEquals(Lag.NONE, ReplicationLag.lag(99, 100, Optional.empty(), NOW),
                "offset 99 holds no record (the read found none): not lag");
    }

    @Test
    void aTargetWithNoCopyYetLagsByEverythingOnTheSource() {
        Lag lag = ReplicationLag.lag(40, 100, Optional.of(NOW - 60_000), NOW);
        assertEquals(60, lag.records());
        assertEquals(60.0, lag.seconds());
        assertEquals(Lag.NONE, ReplicationLag.lag(0, 0, Optional.empty(), NOW), "both empty: nothing to copy");
    }

    @Test
    void aSourceClockAheadGivesNoNegativeAge() {
        assertEquals(0.0, ReplicationLag.lag(5, 10, Optional.of(NOW + 5_000), NOW).seconds());
    }

    @Test
    void afterAFailbackOnlyTheSourcesOwnRecordsLag() {
        // the recreated topic: 500 copies from the target, then 40 of its own (CopyProgress.firstOwn: 500)
        assertEquals(40, ReplicationLag.lag(500, 540, Optional.of(NOW), NOW).records());
        assertEquals(Lag.NONE, ReplicationLag.lag(500, 500, Optional.empty(), NOW));
    }
}
