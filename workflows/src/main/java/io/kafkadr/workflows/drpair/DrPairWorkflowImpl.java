package io.kafkadr.workflows.drpair;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;

public class DrPairWorkflowImpl implements DrPairWorkflow {

    /** Finished operations kept in the state; the full list is in the histories of the runs. */
    static final int PAST_KEPT = 20;
    /** History length after which the entity continues as new (Temporal's limit is far above). */
    static final int CONTINUE_AS_NEW_AT = 2_000;

    private PairState state;

    /** Runs before any update or signal, which may arrive with the start (update-with-start). */
    @WorkflowInit
    public DrPairWorkflowImpl(PairState initial) {
        this.state = initial;
    }

    @Override
    public void run(PairState initial) {
        Workflow.await(() -> Workflow.getInfo().getHistoryLength() > CONTINUE_AS_NEW_AT
                && Workflow.isEveryHandlerFinished());
        Workflow.continueAsNew(state);
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
            state = new PairState(state.pair(), state.active(), state.replication(), op, state.past(),
                    state.lastKnownSource(), state.observedAtMillis());
        }
        return state;
    }

    @Override
    public void validateRelease(Release release) {
        OperationRef held = state.inFlight();
        if (release == null || held == null || !held.id().equals(release.operationId())) {
            throw new IllegalStateException("operation '" + (release == null ? null : release.operationId())
                    + "' does not hold the lock of pair '" + state.pair() + "'");
        }
    }

    @Override
    public PairState release(Release release) {
        OperationRef held = state.inFlight();
        List<OperationRef> past = new ArrayList<>(state.past());
        past.add(new OperationRef(held.id(), held.type(), held.startedAtMillis(), release.releasedAtMillis(),
                release.outcome()));
        while (past.size() > PAST_KEPT) {
            past.remove(0);
        }
        state = new PairState(state.pair(), release.active() == null ? state.active() : release.active(),
                release.replicationChanged() ? release.replication() : state.replication(), null, past,
                state.lastKnownSource(), state.observedAtMillis());
        return state;
    }

    @Override
    public void observe(Observation observation) {
        if (observation != null && observation.observedAtMillis() >= state.observedAtMillis()) {
            state = new PairState(state.pair(), state.active(), state.replication(), state.inFlight(), state.past(),
                    observation.source(), observation.observedAtMillis());
        }
    }

    @Override
    public PairState state() {
        return state;
    }
}
