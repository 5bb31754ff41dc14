package io.kafkadr.replication.policy;

import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;

/**
 * Identity replication (same topic names on both clusters) that also treats kafka-dr's own
 * topics as internal, so MM2 never mirrors them.
 *
 * <p>kafka-dr keeps records salvaged during failback in quarantine topics named
 * {@value #DR_TOPIC_PREFIX}&lt;topic&gt; on the surviving cluster. Mirroring them back would
 * re-deliver salvaged records to consumers of the original topic's replica, so they must stay
 * where they were written, whatever topic list or regex the operator configured.
 */
public class DrIdentityReplicationPolicy extends IdentityReplicationPolicy {

    /** Prefix of every topic owned by kafka-dr itself (quarantine and bookkeeping topics). */
    public static final String DR_TOPIC_PREFIX = "_dr.";

    @Override
    public boolean isInternalTopic(String topic) {
        return topic.startsWith(DR_TOPIC_PREFIX) || super.isInternalTopic(topic);
    }
}
