package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.Observation;
import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.drpair.PartitionRate;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.drpair.ReplicationRecord;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * {@link PairLockActivities} keeping the pair's state in memory, like the entity workflow in
 * short: {@link Pairs#pair()} active on its primary, replicating primary to secondary, lock free,
 * never observed. A lock held by another operation makes {@code acquire} fail as the real one
 * does (non-retryable {@code PairBusy} naming the holder).
 */
public class FakePairLockActivities extends RecordingFake implements PairLockActivities {

    private volatile PairState state = new PairState(Pairs.NAME, Pairs.PRIMARY,
            new Direction(Pairs.PRIMARY, Pairs.SECONDARY), null, List.of(), List.of(), 0);
    private volatile boolean forgetsHolders;
    private volatile long acquireMillis;

    public FakePairLockActivities activeOn(String alias) {
        state = new PairState(state.pair(), alias, state.replication(), state.inFlight(), state.past(),
                state.lastKnownSource(), state.observedAtMillis(), state.rates(), state.silentSinceMillis(),
                state.config());
        return this;
    }

    /** The direction the entity records as deployed (null: none). */
    public FakePairLockActivities replicating(Direction direction) {
        state = withLock(state.active(), direction, state.inFlight());
        return this;
    }

    /** End offsets of the active cluster as last observed, at {@code observedAtMillis}. */
    public FakePairLockActivities lastKnownSource(long observedAtMillis, PartitionOffsets... partitions) {
        state = new PairState(state.pair(), state.active(), state.replication(), state.inFlight(), state.past(),
                List.of(partitions), observedAtMillis, state.rates(), state.silentSinceMillis(), state.config());
        return this;
    }

    /** Peak growth rates the watch saw, and when the active cluster fell silent (0: it still answers). */
    public FakePairLockActivities watched(long silentSinceMillis, PartitionRate... rates) {
        state = new PairState(state.pair(), state.active(), state.replication(), state.inFlight(), state.past(),
                state.lastKnownSource(), state.observedAtMillis(), List.of(rates), silentSinceMillis, state.config());
        return this;
    }

    /** Another operation holds the lock. */
    public FakePairLockActivities heldBy(String operationId, String type) {
        state = withLock(state.active(), state.replication(),
                new OperationRef(operationId, type, 1_000, 0, "running"));
        return this;
    }

    /** Grants every lock without recording its holder, as an entity rebuilt without it did. */
    public FakePairLockActivities forgetsHolders() {
        forgetsHolders = true;
        return this;
    }

    /** Each acquire takes {@code millis} of real time before it answers, as a slow entity's update does. */
    public FakePairLockActivities acquireTakes(long millis) {
        acquireMillis = millis;
        return this;
    }

    public PairState pairState() {
        return state;
    }

    /** The releases asked for, in call order. */
    public List<Release> releases() {
        return calls("release").stream().map(c -> (Release) c.arg(0)).toList();
    }

    private PairState withLock(String active, Direction replication, OperationRef inFlight) {
        return new PairState(state.pair(), active, replication, inFlight, state.past(), state.lastKnownSource(),
                state.observedAtMillis(), state.rates(), state.silentSinceMillis(), state.config()).fenced(state.fence());
    }

    @Override
    public synchronized PairState acquire(PairConfig pair, LockRequest request) {
        record("acquire", request);
        if (acquireMillis > 0) {
            try {
                Thread.sleep(acquireMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        OperationRef held = state.inFlight();
        if (held != null && !held.id().equals(request.operationId())) {
            throw ApplicationFailure.newNonRetryableFailure("pair '" + state.pair() + "' is busy: " + held.type()
                    + " operation '" + held.id() + "' holds the lock", ActivityFailures.PAIR_BUSY);
        }
        if (held == null && !forgetsHolders) {
            state = withLock(state.active(), state.replication(), new OperationRef(request.operationId(),
                    request.type(), request.requestedAtMillis(), 0, "running"));
        }
        return state;
    }

    @Override
    public synchronized PairState release(PairConfig pair, Release release) {
        record("release", release);
        state = withLock(release.active() == null ? state.active() : release.active(),
                release.replicationChanged() ? release.replication() : state.replication(), null);
        return state;
    }

    @Override
    public PairState state(PairConfig pair) {
        record("state");
        return state;
    }

    @Override
    public PairState confirmHolder(PairConfig pair, String operationId) {
        record("confirmHolder", operationId);
        OperationRef held = state.inFlight();
        if (held == null || !held.id().equals(operationId)) {
            throw ApplicationFailure.newNonRetryableFailure("operation '" + operationId + "' does not hold the lock of pair '"
                    + state.pair() + "'", ActivityFailures.NOT_LOCK_HOLDER);
        }
        return state;
    }

    @Override
    public void observe(PairConfig pair, Observation observation) {
        record("observe", observation);
    }

    @Override
    public synchronized void recordFence(PairConfig pair, io.kafkadr.workflows.drpair.FenceRecord record) {
        record("recordFence", record.fence());
        state = state.fenced(record.fence());
    }

    @Override
    public void recordReplication(ReplicationRecord record) {
        record("recordReplication", record);
    }
}
