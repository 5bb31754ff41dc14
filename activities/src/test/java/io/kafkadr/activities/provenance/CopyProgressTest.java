package io.kafkadr.activities.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.activities.provenance.CopyProgress.Copy;
import io.kafkadr.activities.provenance.CopyProgress.Empty;
import io.kafkadr.activities.provenance.CopyProgress.NoOrigin;
import io.kafkadr.activities.provenance.CopyProgress.SourceRecord;
import io.kafkadr.replication.provenance.Origin;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class CopyProgressTest {

    private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String OTHER = "BBBBBBBBBBBBBBBBBBBBBB";

    private static Origin copy(String topicId, long upstream) {
        return new Origin("primary", "orders", topicId, 0, upstream);
    }

    @Test
    void theNewestIncarnationOfTheTopicDecidesHowFarMm2HadCopied() {
        // copies of an earlier incarnation (higher offsets) before those of the topic recreated by a failback
        assertEquals(new Copy(12, "new"), CopyProgress.newest(List.of(copy("old", 9_000), copy("old", 9_001),
                copy("new", 10), copy("new", 12), copy("new", 11))), "the highest, re-sends after it included");
        assertEquals(new Copy(9_001, "old"), CopyProgress.newest(List.of(copy("new", 3), copy("old", 9_001))));
    }

    @Test
    void theRecordsAfterTheNewestCopyAreNotCopiedYet() {
        // copies up to upstream 89 of a partition that ends at 100: offsets 90..99 are not copied
        assertEquals(OptionalLong.of(90), CopyProgress.firstUncopied(0, 100, ID, new Copy(89, ID)));
        assertEquals(OptionalLong.of(100), CopyProgress.firstUncopied(0, 100, ID, new Copy(99, ID)));
    }

    @Test
    void aPartitionEndingInACommitMarkerIsCopiedUpToItsLastRecord() {
        // a transaction wrote 90..98, its commit marker is 99: MM2's newest copy carries upstream 98,
        // and nothing but the marker (no record: callers count records, not offsets) is left
        assertEquals(OptionalLong.of(99), CopyProgress.firstUncopied(0, 100, ID, new Copy(98, ID)));
    }

    @Test
    void aTargetWithNoCopyYetHasEverythingOnTheSourceToCopy() {
        assertEquals(OptionalLong.of(40), CopyProgress.firstUncopied(40, 100, ID, new Empty()),
                "from the source's log start: what retention deleted is not to copy");
        assertTrue(CopyProgress.nothingCopied(100, ID, new Empty()));
    }

    @Test
    void copiesOfARecreatedTopicDoNotCount() {
        // the target's newest copy came from an earlier topic of the same name (another id)
        assertEquals(OptionalLong.of(0), CopyProgress.firstUncopied(0, 30, ID, new Copy(500, OTHER)));
        assertTrue(CopyProgress.nothingCopied(30, ID, new Copy(5, OTHER)));
        // a copy without topic id, beyond what the source holds now: the source was recreated
        assertEquals(OptionalLong.of(0), CopyProgress.firstUncopied(0, 30, ID, new Copy(500, "")));
        // a copy without topic id within the source's range counts
        assertEquals(OptionalLong.of(21), CopyProgress.firstUncopied(0, 30, ID, new Copy(20, "")));
        assertFalse(CopyProgress.nothingCopied(30, ID, new Copy(20, "")));
    }

    @Test
    void recordsDeletedBeforeTheyWereCopiedAreNotToCopy() {
        assertEquals(OptionalLong.of(50), CopyProgress.firstUncopied(50, 80, ID, new Copy(10, ID)));
    }

    @Test
    void aTargetWhoseLastRecordsCarryNoOriginDoesNotTell() {
        assertTrue(CopyProgress.firstUncopied(0, 100, ID, new NoOrigin()).isEmpty());
        assertFalse(CopyProgress.nothingCopied(100, ID, new NoOrigin()));
        assertTrue(CopyProgress.lastCopiedWithoutSource(new NoOrigin()).isEmpty(), "MM2's committed offsets decide");
    }

    @Test
    void withTheSourceDownTheNewestCopySaysHowFarMm2Copied() {
        assertEquals(OptionalLong.of(41), CopyProgress.lastCopiedWithoutSource(new Copy(41, ID)));
        assertEquals(OptionalLong.of(-1), CopyProgress.lastCopiedWithoutSource(new Empty()), "nothing copied");
    }

    @Test
    void afterAFailbackTheSourcesCopiesFromTheTargetAreNotToCopy() {
        // the recreated primary topic holds 500 copies from the secondary, then 40 records of its own
        LongFunction<Optional<SourceRecord>> records = at -> at >= 540 ? Optional.empty()
                : Optional.of(new SourceRecord(at, at < 500));
        int[] reads = {0};
        CopyProgress.SourceProbe probe = at -> {
            reads[0]++;
            return records.apply(at);
        };
        assertTrue(CopyProgress.nothingCopied(540, ID, new Copy(900, OTHER)), "the target's newest copy is of the earlier topic");
        assertEquals(500, CopyProgress.firstOwn(0, 540, probe));
        assertTrue(reads[0] <= 12, "a binary search: " + reads[0] + " reads");
        // only copies from the target: nothing to copy
        assertEquals(500, CopyProgress.firstOwn(0, 500, at -> at >= 500 ? Optional.empty()
                : Optional.of(new SourceRecord(at, true))));
        // copies from the target, then a transaction marker at 300, then own records from 301
        assertEquals(300, CopyProgress.firstOwn(0, 400, at -> Optional.of(at < 300
                ? new SourceRecord(at, true) : new SourceRecord(Math.max(at, 301), false))));
    }

    @Test
    void aTopicNeverRefilledFromTheTargetTakesOneRead() {
        int[] reads = {0};
        assertEquals(7, CopyProgress.firstOwn(7, 1_000_000, at -> {
            reads[0]++;
            return Optional.of(new SourceRecord(at, false));
        }));
        assertEquals(1, reads[0], "its first record is its own");
        assertEquals(90, CopyProgress.firstOwn(90, 90, at -> {
            throw new AssertionError("nothing to read");
        }));
    }
}
