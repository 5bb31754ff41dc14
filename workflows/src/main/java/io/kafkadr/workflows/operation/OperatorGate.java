package io.kafkadr.workflows.operation;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where an operation waits for people, in workflow code: the approval gate and the operator's
 * decisions about clients ({@code approve} and {@code decide} signals). The command it shows
 * names the operation the operator talks to: for one group's move, the failover or failback
 * that started it, which forwards decisions.
 */
public class OperatorGate {

    private final Timeline timeline;
    private final String operationId;
    private final Consumer<GroupWaiting> waiting;
    private final Map<String, ClientDecision> decisions = new HashMap<>();
    /** Labels a decision may name that mean another one (a group of an application: its first group). */
    private final Map<String, String> aliases = new HashMap<>();
    private Approval approval;

    /**
     * @param operationId the workflow the operator signals ({@code drctl approve <id>})
     * @param waiting     told when a decision is awaited and when it arrived (a group's move tells
     *                    its operation); a no-op for an operation itself
     */
    public OperatorGate(Timeline timeline, String operationId, Consumer<GroupWaiting> waiting) {
        this.timeline = timeline;
        this.operationId = operationId;
        this.waiting = waiting;
    }

    /** For an operation: the operator signals this very workflow. */
    public static OperatorGate forOperation(Timeline timeline) {
        return new OperatorGate(timeline, Workflow.getInfo().getWorkflowId(), w -> { });
    }

    public boolean awaitApproval(int timeoutSeconds) {
        timeline.at("await approval", "signal 'approve' (drctl approve " + operationId + ")");
        long start = Workflow.currentTimeMillis();
        boolean approved = Workflow.await(Duration.ofSeconds(timeoutSeconds), () -> approval != null);
        timeline.add(new Step("approval", start, Workflow.currentTimeMillis(),
                approved ? "approved by " + approval.by() + ": " + approval.reason() : "timed out"));
        return approved;
    }

    /** Waits for the operator's decision about {@code label}; only {@code actions} are accepted. */
    public ClientDecision awaitDecision(String label, String situation, List<String> actions) {
        decisions.remove(label);
        String detail = situation + ": drctl approve " + operationId + " --by NAME --client '" + label + "' --action "
                + String.join("|", actions) + " (or signal 'decide' with {\"client\": \"" + label + "\", \"action\": \""
                + String.join("|", actions) + "\", \"by\": \"you\"})";
        timeline.at(GroupWaiting.STEP, detail);
        waiting.accept(new GroupWaiting(label, detail));
        Workflow.await(() -> decisions.containsKey(label) && actions.contains(decisions.get(label).action()));
        waiting.accept(new GroupWaiting(label, null));
        return decisions.remove(label);
    }

    public void approve(Approval approval) {
        if (approval != null && approval.by() != null && !approval.by().isBlank()) {
            this.approval = approval;
        }
    }

    public void decide(ClientDecision decision) {
        if (decision != null && decision.client() != null && decision.action() != null) {
            decisions.put(aliases.getOrDefault(decision.client(), decision.client()), decision);
        }
    }

    /**
     * Decisions naming any of {@code labels} are about {@code label}: the groups of one
     * application are decided together, whichever of them the operator names.
     */
    public void answerAs(List<String> labels, String label) {
        labels.forEach(l -> aliases.put(l, label));
    }

    public Approval approval() {
        return approval;
    }
}
