package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.failback.FailbackActivities;
import io.kafkadr.workflows.failback.WriteFence;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;

public class DrPairWorkflowImpl implements DrPairWorkflow {

    /** Finished operations kept in the state; the full list is in the histories of the runs. */
    static final int PAST_KEPT = 20;
    /** History length after which the entity continues as new (Temporal's limit is far above). */
    static final int CONTINUE_AS_NEW_AT = 2_000;
    /** History size after which the entity continues as new (Temporal warns at 10 MB). */
    static final long CONTINUE_AS_NEW_AT_BYTES = 2L * 1024 * 1024;

    private PairState state;

    /** Runs before any update or signal, which may arrive with the start (update-with-start). */
    @WorkflowInit
    public DrPairWorkflowImpl(PairState initial) {
        this.state = initial;
    }

    /** A watch that does not answer within this is a silent cluster, not a slow one. */
    static final Duration WATCH_TIMEOUT = Duration.ofSeconds(10);

    private final ObservationActivities watch = onceWithin(WATCH_TIMEOUT);

    /** Connect's REST API and the target's admin calls: a slow answer is tried again at the next interval. */
    static final Duration TEND_TIMEOUT = Duration.ofSeconds(20);

    private final ObservationActivities tend = onceWithin(TEND_TIMEOUT);

    /** How often the entity tries to fence an old primary that has not answered yet. */
    static final Duration FENCE_RETRY = Duration.ofSeconds(30);

    private final FailbackActivities fencer = Workflow.newActivityStub(FailbackActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(TEND_TIMEOUT)
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
    private long nextFenceAttempt;

    /** The watch's calls are not retried: the next interval is the retry. */
    private static ObservationActivities onceWithin(Duration timeout) {
        return Workflow.newActivityStub(ObservationActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timeout)
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    /**
     * Watches the active cluster while replication runs from it, so that an unplanned
     * failover knows what the cluster held shortly before it went silent, and tends the
     * replication: target topics keep room for the provenance headers, failed MM2 connectors and
     * tasks are restarted (each restart recorded in the state).
     */
    @Override
    public void run(PairState initial) {
        // Added after the first release: the entity also continues as new when its history grows
        // large in bytes or the server suggests it, not only after CONTINUE_AS_NEW_AT events.
        boolean bySize = Workflow.getVersion("continue-as-new-by-size", Workflow.DEFAULT_VERSION, 1) == 1;
        while (!historyFull(bySize)) {
            boolean wasWatching = watching();
            if (wasWatching) {
                watchOnce();
                // Added after the first release: histories recorded before it replay without tending.
                if (Workflow.getVersion("watch-restarts-failed-tasks", Workflow.DEFAULT_VERSION, 1) == 1) {
                    tendReplication();
                }
            }
            // Added with write fences: after an unplanned failover the old primary is fenced as soon as it answers.
            if (Workflow.getVersion("fence-after-unplanned", Workflow.DEFAULT_VERSION, 1) == 1) {
                fenceOldPrimary();
            }
            Duration interval = Duration.ofSeconds(state.config() == null ? 60
                    : state.config().failover().observeIntervalSeconds());
            // Added after the first release: an entity started without a config (by a lock request)
            // starts watching as soon as replication is recorded, not a minute later.
            boolean wakeOnReplication = Workflow.getVersion("watch-wakes-on-replication", Workflow.DEFAULT_VERSION, 1) == 1;
            Workflow.await(interval, () -> historyFull(bySize) || wakeOnReplication && !wasWatching && watching());
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(state);
    }

    private static boolean historyFull(boolean bySize) {
        return Workflow.getInfo().getHistoryLength() >= CONTINUE_AS_NEW_AT
                || bySize && (Workflow.getInfo().isContinueAsNewSuggested()
                        || Workflow.getInfo().getHistorySize() >= CONTINUE_AS_NEW_AT_BYTES);
    }

    private boolean watching() {
        return state.config() != null && state.replication() != null
                && state.replication().source().equals(state.active());
    }

    /**
     * After an unplanned failover (the pair active on the secondary with loss figures recorded) and
     * while no operation runs: fences writes to the old primary's data topics, tried every
     * {@link #FENCE_RETRY} until the primary answers. Clients that come back with the region and
     * still write there are refused instead of writing records a failback would have to salvage.
     * The failback lifts it when its producers move back.
     */
    private void fenceOldPrimary() {
        PairConfig config = state.config();
        if (config == null || state.inFlight() != null || state.fence() != null || state.lastLoss() == null
                || !config.secondary().equals(state.active()) || Workflow.currentTimeMillis() < nextFenceAttempt) {
            return;
        }
        nextFenceAttempt = Workflow.currentTimeMillis() + FENCE_RETRY.toMillis();
        try {
            WriteFence fence = fencer.fenceWrites(config, config.primary());
            state = state.fenced(WriteFence.merge(state.fence(), fence));
        } catch (ActivityFailure e) {
            // the old primary does not answer yet: the next attempt comes after FENCE_RETRY
        }
    }

    private void watchOnce() {
        long attemptAt = Workflow.currentTimeMillis();
        try {
            observe(watch.watchActive(state.config(), state.active()));
        } catch (ActivityFailure e) {
            if (state.silentSinceMillis() == 0) {
                state = state.watched(state.lastKnownSource(), state.observedAtMillis(), state.rates(),
                        attemptAt + WATCH_TIMEOUT.toMillis());
            }
        }
    }

    /**
     * Restarts the replication's failed connectors and tasks that are due ({@link Watch#restartsDue})
     * and records each restart. Connect or the target not answering changes nothing: the next
     * interval tries again.
     */
    private void tendReplication() {
        if (!watching()) {
            return; // an operation changed the replication meanwhile
        }
        Direction direction = state.replication();
        long interval = state.config().failover().observeIntervalSeconds() * 1000L;
        try {
            ReplicationHealth health = tend.checkReplication(state.config(), direction);
            List<FailedTask> due = Watch.restartsDue(health.failed(), state.taskRestarts(), Workflow.currentTimeMillis(),
                    interval);
            if (!due.isEmpty()) {
                state = state.restarted(tend.restartFailed(state.config(), direction, due));
            }
        } catch (ActivityFailure e) {
            // not reachable now: the next interval tries again
        }
    }

    @Override
    public void validateAcquire(LockRequest request) {
        if (request == null || request.operationId() == null || request.type() == null) {
            throw new IllegalArgumentException("a lock request needs operationId and type");
        }
        OperationRef held = state.inFlight();
        if (held != null && !held.id().equals(request.operationId())) {
            throw new IllegalStateException("pair '" + state.pair() + "' is busy: " + held.type() + " operation '"
                    + held.id() + "' runs since " + java.time.Instant.ofEpochMilli(held.startedAtMillis())
                    + "; wait for it to end (drctl status) or cancel it");
        }
    }

    @Override
    public PairState acquire(LockRequest request) {
        if (state.inFlight() == null) {
            OperationRef op = new OperationRef(request.operationId(), request.type(), request.requestedAtMillis(), 0, "running");
            state = state.with(state.active(), state.replication(), op, state.past());
        }
        return state;
    }

    @Override
    public void validateRelease(Release release) {
        if (release == null || !(holds(release.operationId()) || released(release.operationId()))) {
            throw new IllegalStateException("operation '" + (release == null ? null : release.operationId())
                    + "' does not hold the lock of pair '" + state.pair() + "'");
        }
    }

    /**
     * Gives the lock back. A second release by an operation that already gave it back (a retry
     * whose first answer was lost, possibly after the entity continued as new, where Temporal no
     * longer dedupes by update id) changes nothing and returns the current state.
     */
    @Override
    public PairState release(Release release) {
        if (!holds(release.operationId())) {
            return state;
        }
        OperationRef held = state.inFlight();
        List<OperationRef> past = new ArrayList<>(state.past());
        past.add(new OperationRef(held.id(), held.type(), held.startedAtMillis(), release.releasedAtMillis(),
                release.outcome()));
        while (past.size() > PAST_KEPT) {
            past.remove(0);
        }
        state = state.with(release.active() == null ? state.active() : release.active(),
                release.replicationChanged() ? release.replication() : state.replication(), null, past);
        if (release.copiedUpTo() != null) {
            state = state.copied(release.copiedUpTo());
        }
        if ("failover".equals(held.type()) && release.replicationChanged()) {
            state = state.lost(release.loss()); // a planned failover clears an earlier one's figures
        }
        return state;
    }

    @Override
    public void validateConfirmHolder(String operationId) {
        if (operationId == null || !holds(operationId)) {
            OperationRef held = state.inFlight();
            throw new IllegalStateException("operation '" + operationId + "' does not hold the lock of pair '"
                    + state.pair() + "' (" + (held == null ? "nobody holds it" : "held by " + held.type() + " '"
                    + held.id() + "'") + ")");
        }
    }

    @Override
    public PairState confirmHolder(String operationId) {
        return state;
    }

    private boolean holds(String operationId) {
        return state.inFlight() != null && state.inFlight().id().equals(operationId);
    }

    private boolean released(String operationId) {
        return state.past().stream().anyMatch(op -> op.id().equals(operationId));
    }

    @Override
    public void observe(Observation observation) {
        if (observation != null && observation.observedAtMillis() >= state.observedAtMillis()) {
            state = state.watched(observation.source(), observation.observedAtMillis(), Watch.rates(state, observation), 0);
        }
    }

    @Override
    public void fenceChanged(FenceRecord record) {
        if (record != null) {
            state = state.fenced(record.fence());
        }
    }

    @Override
    public void replicationDeployed(ReplicationRecord record) {
        if (record != null && record.pair() != null && record.direction() != null) {
            state = state.configured(record.pair(), record.direction());
        }
    }

    @Override
    public PairState state() {
        return state;
    }
}
