package io.kafkadr.workflows.drpair;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The pair's entity workflow ({@code dr-pair/<pair>}): owns which side is active, the
 * replication direction and the lock that lets one mutating operation run at a time, however
 * the operation was started (drctl, Temporal CLI with any workflow id, a schedule).
 */
@WorkflowInterface
public interface DrPairWorkflow {

    static String workflowId(String pair) {
        return "dr-pair/" + pair;
    }

    /** Runs for the life of the pair; continues as new to keep its history bounded. */
    @WorkflowMethod
    void run(PairState initial);

    /**
     * Grants the lock, or is rejected (by the validator) naming the operation that holds it.
     * Asking again as the holder (a retry) returns the state and keeps the original grant.
     */
    @UpdateMethod
    PairState acquire(LockRequest request);

    @UpdateValidatorMethod(updateName = "acquire")
    void validateAcquire(LockRequest request);

    /**
     * Gives the lock back and records the pair's new state. Idempotent: a repeated release by
     * an operation that already gave the lock back returns the current state unchanged.
     */
    @UpdateMethod
    PairState release(Release release);

    @UpdateValidatorMethod(updateName = "release")
    void validateRelease(Release release);

    /**
     * Confirms that {@code operationId} holds the lock: returns the state, changes nothing, or is
     * rejected (by the validator) naming the holder. A part of an operation (a group's move) asks it
     * for its parent before touching anything. An Update, not a query, so that a lost entity is
     * rebuilt (update-with-start) before it answers.
     */
    @UpdateMethod
    PairState confirmHolder(String operationId);

    @UpdateValidatorMethod(updateName = "confirmHolder")
    void validateConfirmHolder(String operationId);

    /** Records the active cluster's end offsets (from verifications and operations). */
    @SignalMethod
    void observe(Observation observation);

    /**
     * The write fence on the cluster clients left changed: {@code record.fence()} stands now (null:
     * lifted). Sent by the operation holding the lock, so that a fence stays visible if it dies.
     */
    @SignalMethod
    void fenceChanged(FenceRecord record);

    /** Replication was set up: the entity learns the config and watches the direction's source. */
    @SignalMethod
    void replicationDeployed(ReplicationRecord record);

    @QueryMethod
    PairState state();
}
