package io.kafkadr.workflows.operation;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Where an operation waits for people, in workflow code: the approval gate and the operator's
 * decisions about clients ({@code approval} and {@code decision} updates, whose validators refuse
 * what the gate would not take; the older {@code approve} and {@code decide} signals still arrive
 * for runs started before them). The command it shows
 * names the operation the operator talks to: for one group's move, the failover or failback
 * that started it, which forwards decisions.
 */
public class OperatorGate {

    private final Timeline timeline;
    private final String operationId;
    private final Consumer<GroupWaiting> waiting;
    private final Map<String, ClientDecision> decisions = new HashMap<>();
    /** The clients waiting for a decision now, and the actions each accepts. */
    private final Map<String, List<String>> awaited = new LinkedHashMap<>();
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
        timeline.at("await approval", "update '" + OperatorControls.APPROVAL + "' (drctl approve " + operationId
                + " --by NAME --reason WHY)");
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
                + String.join("|", actions) + " (or update '" + OperatorControls.DECISION + "' with {\"client\": \"" + label
                + "\", \"action\": \"" + String.join("|", actions) + "\", \"by\": \"you\"})";
        timeline.at(GroupWaiting.STEP, detail);
        awaited.put(label, List.copyOf(actions));
        waiting.accept(new GroupWaiting(label, detail, List.copyOf(actions)));
        Workflow.await(() -> decisions.containsKey(label) && actions.contains(decisions.get(label).action()));
        awaited.remove(label);
        waiting.accept(new GroupWaiting(label, null, null));
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

    /**
     * Why {@code approval} is refused, or null (for an update's validator: reads only). An
     * approval may arrive before the gate (it opens it when reached), but only once.
     */
    public String approvalRefusal(Approval approval) {
        String malformed = approval == null ? "no approval given" : approval.malformed();
        if (malformed != null) {
            return malformed;
        }
        return this.approval == null ? null : operationId + " is approved already, by " + this.approval.by();
    }

    /**
     * The clients waiting for a decision here now, by every label a decision may name, and the
     * actions each accepts.
     */
    public Map<String, List<String>> awaited() {
        Map<String, List<String>> all = new LinkedHashMap<>(awaited);
        aliases.forEach((alias, label) -> {
            if (awaited.containsKey(label)) {
                all.put(alias, awaited.get(label));
            }
        });
        return all;
    }

    /**
     * Why {@code decision} is refused, or null (for an update's validator: reads only): a field
     * missing, an action that does not exist, a client that waits for nothing here ({@code awaited}:
     * label to the actions it accepts, null for any), an action its gate does not offer.
     */
    public static String decisionRefusal(ClientDecision decision, Map<String, List<String>> awaited, String operationId) {
        String malformed = decision == null ? "no decision given" : decision.malformed();
        if (malformed != null) {
            return malformed;
        }
        if (!awaited.containsKey(decision.client())) {
            return "unknown client '" + decision.client() + "': nothing in " + operationId
                    + " waits for a decision about it" + (awaited.isEmpty() ? " (nothing waits for a decision now)"
                    : "; waiting now: " + awaited.entrySet().stream().map(e -> "'" + e.getKey() + "' ("
                            + (e.getValue() == null ? "any action" : String.join("|", e.getValue())) + ")")
                            .collect(Collectors.joining(", ")));
        }
        List<String> offered = awaited.get(decision.client());
        if (offered != null && !offered.contains(decision.action())) {
            return "'" + decision.action() + "' is not offered for '" + decision.client() + "' at this gate: "
                    + String.join("|", offered);
        }
        return null;
    }
}
