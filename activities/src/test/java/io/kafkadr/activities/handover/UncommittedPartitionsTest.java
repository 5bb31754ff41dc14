package io.kafkadr.activities.handover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class UncommittedPartitionsTest {

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    @Test
    void topicsAreTheCommittedOnesAndTheNamedOnesThatThePairMirrors() {
        assertEquals(List.of("a", "c"), UncommittedPartitions.topics(List.of(tp("a", 0), tp("x", 1)), List.of("c", "d"),
                List.of("a", "b", "c")));
        assertEquals(List.of(), UncommittedPartitions.topics(List.of(), List.of(), List.of("a")));
    }

    @Test
    void everyPartitionWithoutCommitIsOpenInOrder() {
        assertEquals(List.of(tp("a", 2), tp("b", 0), tp("b", 1)), UncommittedPartitions.of(
                List.of(tp("a", 0), tp("a", 1)), Map.of("b", 2, "a", 3)));
    }

    @Test
    void aGroupThatCommittedEveryPartitionHasNoneOpen() {
        assertEquals(List.of(), UncommittedPartitions.of(List.of(tp("a", 0), tp("a", 1)), Map.of("a", 2)));
    }
}
