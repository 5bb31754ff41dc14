package io.kafkadr.activities.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Target partitions as lists: a number is a copy's upstream offset, null a record without origin. */
class CopyBoundaryTest {

    private static Optional<Long> boundary(List<Long> target, long upstream) {
        return CopyBoundary.firstAtOrAfter(0, target.size(), upstream, from -> {
            for (int i = (int) from; i < Math.min(target.size(), from + CopyBoundary.PROBE_WINDOW); i++) {
                if (target.get(i) != null) {
                    return new CopyBoundary.Copy(i, target.get(i));
                }
            }
            return new CopyBoundary.NoCopy(from + CopyBoundary.PROBE_WINDOW >= target.size());
        });
    }

    private static List<Long> copies(long from, long to) {
        List<Long> l = new ArrayList<>();
        for (long o = from; o < to; o++) {
            l.add(o);
        }
        return l;
    }

    private static List<Long> local(int n) {
        List<Long> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(null);
        }
        return l;
    }

    @SafeVarargs
    private static List<Long> concat(List<Long>... parts) {
        List<Long> all = new ArrayList<>();
        for (List<Long> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    @Test
    void aTopicCopiedOffsetForOffsetResumesAtTheSameOffset() {
        List<Long> target = copies(0, 10_000);
        for (long x : new long[] {1, 4150, 4151, 9_999}) {
            assertEquals(Optional.of(x), boundary(target, x));
        }
    }

    @Test
    void offsetsThatDriftStillPlaceTheGroupRightAfterTheLastCopyItRead() {
        // upstream offsets with gaps (transaction markers, compaction) and a target whose log was trimmed
        List<Long> target = new ArrayList<>();
        for (long o = 500; o < 20_000; o += 3) {
            target.add(o);
        }
        assertEquals(Optional.of((long) target.indexOf(4151L)), boundary(target, 4150)); // 4150 was never a record
        assertEquals(Optional.of((long) target.indexOf(4151L) + 1), boundary(target, 4152));
    }

    @Test
    void recordsWrittenToTheTargetAfterTheCopiesAreNotSkipped() {
        List<Long> target = concat(copies(0, 3000), local(50_000));
        assertEquals(Optional.of(3000L), boundary(target, 3000)); // consumed all: resume at the first local record
        assertEquals(Optional.of(2000L), boundary(target, 2000));
    }

    @Test
    void copiesInterleavedWithLocalWritesKeepTheLocalOnesAfterTheBoundary() {
        List<Long> target = concat(copies(0, 1000), local(10), copies(1000, 1005), local(400), copies(1005, 1010));
        assertEquals(Optional.of(1000L), boundary(target, 1000)); // the 10 local records are read, none skipped
    }

    @Test
    void reSentRangesOnlyReDeliver() {
        List<Long> target = concat(copies(0, 1000), copies(900, 2000));
        long b = boundary(target, 950).orElseThrow();
        // whatever the boundary, every upstream offset >= 950 is read from there on
        for (long u = 950; u < 2000; u++) {
            assertEquals(true, target.subList((int) b, target.size()).contains(u), "upstream " + u + " skipped");
        }
    }

    @Test
    void copiesWithoutOriginBeforeTheCopiesFallBackToContentOnlyBelowThem() {
        List<Long> target = concat(local(5000), copies(5000, 6000));
        assertEquals(Optional.empty(), boundary(target, 100), "a group behind every copy with origin: content decides");
        assertEquals(Optional.of(5500L), boundary(target, 5500), "among the copies with origin: exact");
    }

    @Test
    void copiesOfAnEarlierIncarnationAndLocalWritesBeforeTheCurrentCopiesAreSkipped() {
        // a second cycle: copies of the topic before the failback recreated it (another topic id, so
        // no match), records written while the secondary was active, then the current copies, whose
        // upstream offsets start again low
        List<Long> target = concat(local(40_000), local(3_000), copies(0, 2_000), local(20));
        assertEquals(Optional.of(43_000L + 1_000), boundary(target, 1_000));
        assertEquals(Optional.of(43_000L + 2_000), boundary(target, 2_000), "all read: the local records after them follow");
    }

    @Test
    void aTargetTrimmedPastTheGroupStartsAtItsFirstCopy() {
        assertEquals(Optional.of(0L), boundary(copies(700, 900), 10));
    }

    @Test
    void anEmptyTargetHasNoBoundary() {
        assertEquals(Optional.empty(), boundary(List.of(), 10));
    }
}
