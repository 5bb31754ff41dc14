package io.kafkadr.workflows.canary;

import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.ActivityInterface;

/**
 * The drill's canary: a producer and a consumer run by activities (nothing runs between calls),
 * whose records are keyed {@code <runId>/<burst>/<seq>} so that loss and duplicates are counted
 * exactly. Every call is idempotent and heartbeats while it runs.
 */
@ActivityInterface
public interface CanaryActivities {

    /**
     * Creates the canary topic on {@code cluster} if it is missing ({@value
     * io.kafkadr.workflows.pair.DrillSettings#CANARY_PARTITIONS} partitions, the replication
     * factor the pair's replication uses); returns its partition count.
     */
    int ensureTopic(PairConfig pair, String cluster, String topic);

    /**
     * Writes records {@code 0..count-1} of {@code burst} (idempotent producer, acks=all) and returns
     * how many of them the topic holds acknowledged. Run twice (a lost answer), it writes only the
     * sequence numbers not yet in the topic.
     */
    long produce(PairConfig pair, String cluster, String topic, String runId, int burst, int count);

    /**
     * Places {@code group} at the end of {@code topic} on {@code cluster} (what earlier drills left
     * there is not this drill's to read). The group has no members: the canary runs only inside
     * activities. Idempotent; returns the partitions placed.
     */
    int startAtEnd(PairConfig pair, String cluster, String topic, String group);

    /**
     * Reads with {@code group} from its committed offsets, at most {@code max} records of this run or up
     * to the end the topic had when the call started (waiting at most {@code waitSeconds} for it),
     * commits the position of every partition (read or not, so a hand-over has each to place), and returns this run's records per burst. Run twice after its commit (a lost
     * answer), it answers what the first call read instead of reading on.
     */
    CanaryRead consume(PairConfig pair, String cluster, String topic, String group, String runId, String readId,
                       int max, int waitSeconds);
}
