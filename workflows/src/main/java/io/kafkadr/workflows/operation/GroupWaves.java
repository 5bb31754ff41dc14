package io.kafkadr.workflows.operation;

import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Moves an operation's consumer groups as child workflows ({@link GroupMoveWorkflow}), at most
 * {@code concurrency} at a time: when one ends the next starts, so a group waiting for its
 * operator holds one slot while the others go on. The operation's {@code decide} signals about a
 * running group are forwarded to it; its progress shows every group that waits. In workflow code.
 */
public class GroupWaves {

    /** The step (and {@code DrPhase}) while groups move. */
    public static final String STEP = "move consumer groups";
    /**
     * Up to this many groups the operation's timeline carries every group's steps; above, only
     * the wave's step, so that a report of hundreds of groups stays small (each group's steps are
     * in its own history and result).
     */
    static final int STEPS_KEPT_UP_TO_GROUPS = 50;

    private final Timeline timeline;
    private final Map<String, GroupMoveWorkflow> running = new LinkedHashMap<>();
    private final Map<String, String> waiting = new LinkedHashMap<>();
    /** What each waiting move accepts (null: any action, told by a move from before it said). */
    private final Map<String, List<String>> offered = new LinkedHashMap<>();
    /** Every label of a running move's application, to the label its move waits under (the first). */
    private final Map<String, String> leads = new LinkedHashMap<>();
    private final List<ClientDecision> outbox = new ArrayList<>();
    private boolean waitingChanged;

    public GroupWaves(Timeline timeline) {
        this.timeline = timeline;
    }

    /** The child workflow id of {@code group}'s move in operation {@code operationId}. */
    public static String childId(String operationId, String group) {
        return operationId + "/group/" + group;
    }

    /**
     * Runs the moves; returns their results in the order of {@code requests}. A move that fails
     * (not one the operator decided) lets the running ones finish, starts no more, and is thrown.
     * With {@code stopWhenAborted}, a move the operator aborted starts no more either; the ones
     * not started are absent from the result.
     */
    public List<GroupMoveResult> run(String operationId, List<GroupMoveRequest> requests, int concurrency,
                                     boolean stopWhenAborted) {
        long start = Workflow.currentTimeMillis();
        Map<Integer, Promise<GroupMoveResult>> inFlight = new TreeMap<>();
        Map<Integer, List<String>> labels = new TreeMap<>();
        Map<Integer, GroupMoveResult> done = new TreeMap<>();
        ChildWorkflowFailure failure = null;
        boolean aborted = false;
        int next = 0;
        boolean detailed = requests.size() <= STEPS_KEPT_UP_TO_GROUPS;
        showProgress(done.size(), requests.size());
        while (inFlight.size() > 0 || (next < requests.size() && failure == null && !aborted)) {
            while (inFlight.size() < concurrency && next < requests.size() && failure == null && !aborted) {
                GroupMoveRequest request = requests.get(next);
                List<String> appLabels = request.app().labels();
                GroupMoveWorkflow child = Workflow.newChildWorkflowStub(GroupMoveWorkflow.class, ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(childId(operationId, request.group().group())).build());
                inFlight.put(next, Async.function(child::move, detailed ? request : request.withStepsInResult(false)));
                labels.put(next, appLabels);
                appLabels.forEach(label -> {
                    running.put(label, child);
                    leads.put(label, appLabels.get(0));
                });
                next++;
            }
            showProgress(done.size(), requests.size());
            Workflow.await(() -> !outbox.isEmpty() || waitingChanged
                    || inFlight.values().stream().anyMatch(Promise::isCompleted));
            forwardDecisions();
            for (Integer i : List.copyOf(inFlight.keySet())) {
                Promise<GroupMoveResult> p = inFlight.get(i);
                if (!p.isCompleted()) {
                    continue;
                }
                inFlight.remove(i);
                labels.get(i).forEach(label -> {
                    running.remove(label);
                    leads.remove(label);
                    waiting.remove(label);
                    offered.remove(label);
                });
                try {
                    GroupMoveResult result = p.get();
                    done.put(i, detailed ? result : result.withoutOffsets());
                    aborted |= stopWhenAborted && result.aborted();
                } catch (ChildWorkflowFailure e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        List<GroupMoveResult> results = new ArrayList<>(done.values());
        timeline.add(new Step(STEP, start, Workflow.currentTimeMillis(),
                done.size() + " of " + requests.size() + " groups, " + concurrency + " at a time"));
        results.forEach(r -> {
            if (detailed) {
                timeline.addAll(r.steps());
            }
            r.notes().forEach(timeline::note);
        });
        if (!detailed) {
            timeline.note("each group's steps and offsets are in the result of its own workflow "
                    + childId(operationId, "<group>") + " (above " + STEPS_KEPT_UP_TO_GROUPS + " groups the report keeps "
                    + "only the wave's step and each group's outcome)");
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /**
     * The operation's {@code decide} signal: a decision about a group that is moving now goes to
     * its move, the move of its application (true); anything else is the operation's own (false).
     */
    public boolean route(ClientDecision decision) {
        if (decision != null && decision.client() != null && running.containsKey(decision.client())) {
            outbox.add(decision);
            return true;
        }
        return false;
    }

    /** The {@code groupWaiting} signal of a running group's move. */
    public void waiting(GroupWaiting report) {
        if (report == null || report.client() == null) {
            return;
        }
        if (report.situation() == null) {
            waiting.remove(report.client());
            offered.remove(report.client());
        } else {
            waiting.put(report.client(), report.situation());
            offered.put(report.client(), report.actions());
        }
        waitingChanged = true;
    }

    /**
     * The running moves waiting for a decision now, by every label of their application, and the
     * actions each accepts (null: any).
     */
    public Map<String, List<String>> awaited() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        leads.forEach((label, lead) -> {
            if (waiting.containsKey(lead)) {
                all.put(label, offered.get(lead));
            }
        });
        return all;
    }

    private void forwardDecisions() {
        for (ClientDecision decision : List.copyOf(outbox)) {
            GroupMoveWorkflow child = running.get(decision.client());
            if (child != null) {
                try {
                    child.decide(decision);
                } catch (SignalExternalWorkflowException ended) {
                    // the group's move ended meanwhile: nothing waits for this decision any more
                }
            }
        }
        outbox.clear();
    }

    private void showProgress(int done, int total) {
        waitingChanged = false;
        if (!waiting.isEmpty()) {
            timeline.at(GroupWaiting.STEP, String.join("\n", waiting.values()));
        } else {
            timeline.at(STEP, done + " of " + total + " moved; moving " + running.keySet().stream()
                    .collect(Collectors.joining(", ")) + " (child workflows <operation>/group/<group>)");
        }
    }
}
