package io.kafkadr.activities.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kafkadr.workflows.cluster.TopicInfo;
import io.kafkadr.workflows.pair.ReplicationSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final TopicInfo WANTED = new TopicInfo("orders", true, 3, Map.of("retention.ms", "86400000"));

    @Test
    void aTopicAsWantedDiffersInNothing() {
        assertNull(Topics.difference(WANTED, new TopicInfo("orders", true, 3, Map.of("retention.ms", "86400000"))));
    }

    @Test
    void partitionsAndConfigsThatDifferAreNamedWithBothValues() {
        TopicInfo autoCreated = new TopicInfo("orders", true, 1, Map.of("cleanup.policy", "compact"));
        assertEquals("1 partitions instead of 3, cleanup.policy=compact instead of (default), "
                + "retention.ms=(default) instead of 86400000", Topics.difference(WANTED, autoCreated));
    }

    @Test
    void aMissingTopicIsADifference() {
        assertEquals("it does not exist", Topics.difference(WANTED, TopicInfo.missing("orders")));
    }

    @Test
    void theReplicationFactorIsThePairsWhenSetElseUpToThreeBrokers() {
        assertEquals(1, ReplicationSettings.defaults().replicationFactorOn(1));
        assertEquals(3, ReplicationSettings.defaults().replicationFactorOn(5));
        assertEquals(1, ReplicationSettings.defaults().replicationFactorOn(0));
        ReplicationSettings two = new ReplicationSettings(null, 0, 0, 0, 0, 2);
        assertEquals(2, two.replicationFactorOn(5));
        assertEquals(2, two.replicationFactorOn(1), "never lowered in silence: Kafka refuses it, naming both");
    }
}
