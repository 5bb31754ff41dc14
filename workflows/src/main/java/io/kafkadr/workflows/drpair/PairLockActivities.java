package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.ActivityInterface;

/**
 * Talks to the pair's entity workflow from an operation. An activity, because a workflow can
 * only signal other workflows, and the lock must answer yes or no at once (an Update).
 */
@ActivityInterface
public interface PairLockActivities {

    /** Starts the entity if needed and takes the lock; a busy pair is a non-retryable {@code PairBusy}. */
    PairState acquire(PairConfig pair, LockRequest request);

    PairState release(PairConfig pair, Release release);

    PairState state(PairConfig pair);

    /**
     * The state, when {@code operationId} holds the pair's lock; else a non-retryable
     * {@code NotLockHolder} naming the holder. Rebuilds a lost entity first, as {@link #acquire} does.
     */
    PairState confirmHolder(PairConfig pair, String operationId);

    void observe(PairConfig pair, Observation observation);

    /** Tells the entity which write fence stands now ({@code record.fence()} null: none). */
    void recordFence(PairConfig pair, FenceRecord record);

    /** Tells the entity that replication runs in {@code record.direction()} (starting it if needed). */
    void recordReplication(ReplicationRecord record);
}
