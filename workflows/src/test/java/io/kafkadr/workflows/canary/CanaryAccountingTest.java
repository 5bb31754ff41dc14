package io.kafkadr.workflows.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanaryAccountingTest {

    private static CanaryRead read(String id, int burst, long repeats, SeqRange... ranges) {
        long distinct = List.of(ranges).stream().mapToLong(SeqRange::size).sum();
        return new CanaryRead(id, "c", List.of(new BurstRead(burst, distinct + repeats, List.of(ranges), repeats)), 0);
    }

    @Test
    void halvesReadBeforeAndAfterTheSwitchAddUpToTheBurst() {
        CanaryHalf h = CanaryAccounting.half("failover", List.of(1), Map.of(1, 10L),
                List.of(read("a", 1, 0, new SeqRange(0, 4)), read("b", 1, 0, new SeqRange(5, 9))));
        assertEquals(new CanaryHalf("failover", List.of(1), 10, 10, 0, 0), h);
    }

    @Test
    void aGapIsLostAndAnOverlapAfterTheSwitchIsDuplicated() {
        CanaryHalf h = CanaryAccounting.half("failover", List.of(1), Map.of(1, 10L),
                List.of(read("a", 1, 0, new SeqRange(0, 4)), read("b", 1, 0, new SeqRange(3, 7))));
        assertEquals(2, h.lost(), "8 and 9 never read");
        assertEquals(2, h.duplicated(), "3 and 4 read again on the other side");
    }

    @Test
    void repeatsWithinOneReadAreDuplicates() {
        CanaryHalf h = CanaryAccounting.half("x", List.of(2), Map.of(2, 3L), List.of(read("a", 2, 1, new SeqRange(0, 2))));
        assertEquals(1, h.duplicated());
        assertEquals(4, h.read());
    }

    @Test
    void checksHoldLossToTheRpoObjectiveOrToNothing() {
        CanaryHalf h = new CanaryHalf("failover", List.of(1), 10, 8, 2, 0);
        assertFalse(CanaryAccounting.checks(h, null).get(0).passed());
        assertTrue(CanaryAccounting.checks(h, 5L).get(0).passed());
        assertFalse(CanaryAccounting.checks(new CanaryHalf("f", List.of(1), 1, 2, 0, 1), 5L).get(1).passed());
    }

    @Test
    void rangesCompressSortedSeqs() {
        assertEquals(List.of(new SeqRange(0, 2), new SeqRange(5, 5), new SeqRange(7, 8)),
                CanaryAccounting.ranges(new long[] {0, 1, 2, 5, 7, 8}));
    }
}
