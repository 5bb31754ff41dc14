package io.kafkadr.activities.connect;

import io.kafkadr.replication.provenance.Origin;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.OptionalInt;

/** What a target topic's {@code max.message.bytes} must be for the copies of its source topic. Pure. */
public final class TopicLimits {

    private TopicLimits() {
    }

    /** Bytes a copy of {@code topic} from cluster {@code sourceAlias} may be larger than its source batch. */
    public static int room(PairConfig pair, String sourceAlias, String topic) {
        return pair.replication().stampsOrigin() ? Origin.maxHeaderBytes(sourceAlias, topic) : 0;
    }

    /** The source's limit plus the room, saturating at Kafka's largest. */
    public static int required(int sourceLimit, int room) {
        return (int) Math.min(Integer.MAX_VALUE, (long) sourceLimit + room);
    }

    /** The limit to set on the target, or empty when the target takes every copy already (never lowered). */
    public static OptionalInt raise(int sourceLimit, int targetLimit, int room) {
        int required = required(sourceLimit, room);
        return targetLimit >= required ? OptionalInt.empty() : OptionalInt.of(required);
    }
}
