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
 *
 * <p>The one exception is the drill's canary topic ({@value #CANARY_TOPIC} or {@code
 * _dr.canary.*}): kafka-dr adds it to the connector's topic list explicitly when a drill's traffic
 * includes the canary, and then it is copied like a data topic. This plugin runs inside Connect
 * without kafka-dr's other modules, so it repeats the rule of {@code TopicSelection.isInternal}
 * (workflows), which decides everywhere else; {@code DrIdentityReplicationPolicyTest} pins both.
 */
public class DrIdentityReplicationPolicy extends IdentityReplicationPolicy {

    /** Prefix of every topic owned by kafka-dr itself (quarantine and bookkeeping topics). */
    public static final String DR_TOPIC_PREFIX = "_dr.";

    /** The drill's canary topic, replicated when a drill lists it. */
    public static final String CANARY_TOPIC = "_dr.canary";

    @Override
    public boolean isInternalTopic(String topic) {
        return topic.startsWith(DR_TOPIC_PREFIX) && !isCanary(topic) || super.isInternalTopic(topic);
    }

    static boolean isCanary(String topic) {
        return topic.equals(CANARY_TOPIC) || topic.startsWith(CANARY_TOPIC + ".");
    }
}
