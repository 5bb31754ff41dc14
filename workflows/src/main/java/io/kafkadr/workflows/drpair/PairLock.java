package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;

/**
 * The pair's lock as an operation workflow takes it. An operation cancelled while its
 * {@code acquire} runs (an operator's or the API's cancel, right after the start) does not learn
 * whether the entity granted the lock: the activity goes on without it and may take the lock
 * after the workflow gave up. So the cancelled acquire is completed and the lock given back,
 * outside the cancelled scope: the same request again (the holder asking again gets the same
 * grant; another holder refuses it, and then there is nothing to give back), then a release.
 * Workflow code.
 */
public final class PairLock {

    /** Version of the give-back: histories recorded before it replay without it. */
    static final String GIVE_BACK_VERSION = "cancelled-acquire-gives-back";

    private final PairLockActivities lock;

    public PairLock(PairLockActivities lock) {
        this.lock = lock;
    }

    /** Takes the lock for {@code request}; a cancellation meanwhile leaves the pair unlocked. */
    public PairState acquire(PairConfig pair, LockRequest request) {
        try {
            return lock.acquire(pair, request);
        } catch (CanceledFailure e) {
            giveBack(pair, request);
            throw e;
        } catch (ActivityFailure e) {
            if (e.getCause() instanceof CanceledFailure) {
                giveBack(pair, request);
            }
            throw e;
        }
    }

    private void giveBack(PairConfig pair, LockRequest request) {
        if (Workflow.getVersion(GIVE_BACK_VERSION, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return;
        }
        Workflow.newDetachedCancellationScope(() -> {
            try {
                lock.acquire(pair, request);
            } catch (ActivityFailure heldByAnother) {
                return;
            }
            lock.release(pair, new Release(request.operationId(), "cancelled", null, false, null,
                    Workflow.currentTimeMillis()));
        }).run();
    }
}
