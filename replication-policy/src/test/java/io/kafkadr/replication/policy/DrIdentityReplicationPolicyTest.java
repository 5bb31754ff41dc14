package io.kafkadr.replication.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DrIdentityReplicationPolicyTest {

    private final DrIdentityReplicationPolicy policy = new DrIdentityReplicationPolicy();

    DrIdentityReplicationPolicyTest() {
        policy.configure(Map.of("source.cluster.alias", "primary"));
    }

    @Test
    void keepsDataTopicNames() {
        assertEquals("orders", policy.formatRemoteTopic("primary", "orders"));
        assertFalse(policy.isInternalTopic("orders"));
    }

    @Test
    void quarantineTopicsAreInternal() {
        assertTrue(policy.isInternalTopic("_dr.orphans.orders"));
    }

    @Test
    void theDrillsCanaryTopicIsTheOneKafkaDrTopicMm2Copies() {
        assertFalse(policy.isInternalTopic("_dr.canary"));
        assertFalse(policy.isInternalTopic("_dr.canary.payments"));
        assertTrue(policy.isInternalTopic("_dr.canaryx"), "only the canary's namespace");
        assertTrue(policy.isInternalTopic("_dr.orphans._dr.canary"));
    }

    @Test
    void kafkaAndMirrorMakerTopicsStayInternal() {
        assertTrue(policy.isInternalTopic("__consumer_offsets"));
        assertTrue(policy.isInternalTopic("mm2-offset-syncs.secondary.internal"));
        assertTrue(policy.isInternalTopic("primary.checkpoints.internal"));
    }

    @Test
    void heartbeatsStillCarryTheSourcePrefix() {
        assertEquals("primary.heartbeats", policy.formatRemoteTopic("primary", "heartbeats"));
    }
}
