package io.kafkadr.activities.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.replication.provenance.Origin;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The target topic's max.message.bytes: the source's plus the provenance headers' room, never lowered. */
class TopicLimitsTest {

    @Test
    void aTargetBelowTheSourcesLimitPlusTheRoomIsRaisedToIt() {
        assertEquals(OptionalInt.of(1_048_588 + 150), TopicLimits.raise(1_048_588, 1_048_588, 150));
        assertEquals(OptionalInt.of(1_048_588 + 150), TopicLimits.raise(1_048_588, 1_048_700, 150));
    }

    @Test
    void aTargetWithTheRoomOrMoreIsLeftAlone() {
        assertEquals(OptionalInt.empty(), TopicLimits.raise(1_048_588, 1_048_738, 150));
        assertEquals(OptionalInt.empty(), TopicLimits.raise(1_048_588, 8_388_608, 150), "never lowered");
    }

    @Test
    void theLimitSaturatesAtKafkasLargest() {
        assertEquals(Integer.MAX_VALUE, TopicLimits.required(Integer.MAX_VALUE - 10, 150));
    }

    @Test
    void theRoomIsTheHeadersWorstCaseOnlyWhenCopiesAreStamped() {
        PairConfig stamped = TestPairs.plaintext("http://127.0.0.1:8083");
        assertEquals(Origin.maxHeaderBytes("a", "orders"), TopicLimits.room(stamped, "a", "orders"));
        PairConfig bare = TestPairs.pair(TestPairs.cluster("a", TestPairs.PRIMARY_BOOTSTRAP, "http://127.0.0.1:8084", null),
                TestPairs.cluster("b", TestPairs.SECONDARY_BOOTSTRAP, "http://127.0.0.1:8083", null),
                TestPairs.names("orders"), new ReplicationSettings(null, 0, 0, 0, 0, 0, false));
        assertEquals(0, TopicLimits.room(bare, "a", "orders"));
    }

    @Test
    void theRoomForTheLocalPairsTopicIs146Bytes() {
        // 5 keys (70 bytes, 5 length bytes) and values: alias, topic, 22-char topic id, 10-digit partition, 19-digit offset
        assertEquals(75 + (1 + 7) + (1 + 6) + (1 + 22) + (1 + 10) + (1 + 19) + 2, Origin.maxHeaderBytes("primary", "orders"));
    }
}
