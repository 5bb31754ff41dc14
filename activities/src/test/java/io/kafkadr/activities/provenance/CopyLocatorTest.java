package io.kafkadr.activities.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.replication.provenance.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyLocatorTest {

    private static Origin copy(String topicId, long upstream) {
        return new Origin("primary", "orders", topicId, 0, upstream);
    }

    @Test
    void theNewestIncarnationOfTheTopicDecidesHowFarMm2HadCopied() {
        // copies of an earlier incarnation (higher offsets) before those of the topic recreated by a failback
        assertEquals(12, CopyLocator.newestIncarnationMax(List.of(copy("old", 9_000), copy("old", 9_001),
                copy("new", 10), copy("new", 12), copy("new", 11))), "the highest, re-sends after it included");
        assertEquals(9_001, CopyLocator.newestIncarnationMax(List.of(copy("new", 3), copy("old", 9_001))));
    }
}
