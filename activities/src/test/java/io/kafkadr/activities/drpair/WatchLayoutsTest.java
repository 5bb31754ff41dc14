package io.kafkadr.activities.drpair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.cluster.PartitionOffsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class WatchLayoutsTest {

    private final AtomicLong now = new AtomicLong();
    private final WatchLayouts layouts = new WatchLayouts(now::get);
    private final List<PartitionOffsets> orders = List.of(new PartitionOffsets("orders", 0, 5, 10),
            new PartitionOffsets("orders", 1, 0, 3));

    @Test
    void aListingServesUntilTheRelistIntervalThenAFullLookIsDue() {
        assertTrue(layouts.fresh("p/primary").isEmpty(), "nothing listed yet: a full look");
        layouts.listed("p/primary", orders);
        now.addAndGet(WatchLayouts.RELIST.toNanos() - 1);
        assertEquals(Optional.of(orders), layouts.fresh("p/primary"));
        now.addAndGet(1);
        assertTrue(layouts.fresh("p/primary").isEmpty(), "a topic created since shows within the interval");
    }

    @Test
    void aFailedLookupForgetsTheListing() {
        layouts.listed("p/primary", orders);
        layouts.forget("p/primary");
        assertTrue(layouts.fresh("p/primary").isEmpty());
    }

    @Test
    void endOffsetsUpdateTheListingAndAPartitionWithoutOneAsksForAFullLook() {
        assertEquals(Optional.of(List.of(new PartitionOffsets("orders", 0, 5, 12), new PartitionOffsets("orders", 1, 0, 3))),
                WatchLayouts.withEnds(orders, Map.of(new TopicPartition("orders", 0), 12L,
                        new TopicPartition("orders", 1), 3L)));
        assertTrue(WatchLayouts.withEnds(orders, Map.of(new TopicPartition("orders", 0), 12L)).isEmpty());
        assertEquals(Optional.of(List.of(new PartitionOffsets("orders", 0, 2, 2), new PartitionOffsets("orders", 1, 0, 3))),
                WatchLayouts.withEnds(orders, Map.of(new TopicPartition("orders", 0), 2L,
                        new TopicPartition("orders", 1), 3L)), "a recreated topic: its start is never past its end");
    }
}
