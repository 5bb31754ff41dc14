package io.kafkadr.activities.failback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.activities.kafka.RecordContent;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopiesByContentTest {

    /** How many records of {@code range}, from its start, count as copied. */
    private static int copied(List<String> window, List<String> before, List<String> range) {
        CopiesByContent copies = new CopiesByContent();
        window.forEach(c -> copies.onTarget(new RecordContent(c)));
        before.forEach(c -> copies.copiedBefore(new RecordContent(c)));
        int n = 0;
        while (n < range.size() && copies.take(new RecordContent(range.get(n)))) {
            n++;
        }
        return n;
    }

    @Test
    void aRunOfIdenticalRecordsCopiedInPartCountsOnlyTheCopiedPart() {
        assertEquals(2, copied(List.of("x", "x"), List.of(), List.of("x", "x", "x", "x", "x", "x")));
    }

    @Test
    void copiesOfIdenticalRecordsBeforeTheRangeAreNoCopiesOfTheRange() {
        // three x copied and committed, two more written after: the window's three x are the earlier ones
        assertEquals(0, copied(List.of("x", "x", "x"), List.of("x", "x", "x"), List.of("x", "x")));
        assertEquals(1, copied(List.of("x", "x", "x", "x"), List.of("x", "x", "x"), List.of("x", "x")));
    }

    @Test
    void distinctRecordsAreMatchedOneToOneInOrder() {
        assertEquals(3, copied(List.of("a", "b", "c", "z"), List.of(), List.of("a", "b", "c", "d", "e")));
        assertEquals(0, copied(List.of("b"), List.of(), List.of("a", "b")), "MM2 copies in order: the first absent ends the run");
    }

    @Test
    void whatTheWindowLacksCountsAsAbsentSoItIsSalvagedNotLost() {
        // the window starts after the earlier x's copies: taking them out leaves fewer copies, never more
        assertEquals(1, copied(List.of("x", "x"), List.of("x"), List.of("x", "x")));
        assertEquals(0, copied(List.of(), List.of(), List.of("x")));
    }
}
