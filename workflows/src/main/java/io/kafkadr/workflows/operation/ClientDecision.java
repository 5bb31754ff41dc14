package io.kafkadr.workflows.operation;

import java.util.List;

/**
 * An operator's answer to a client that failed its health check.
 *
 * @param client {@code consumer <group>} or {@code producer <name>}
 * @param action failover: {@code retry} the health check, {@code skip} it (continue, client stays
 *               moved) or {@code rollback} (move the client back to where it came from);
 *               failback (the client is already back on the secondary): {@code retry} the
 *               move, {@code skip} it (the client stays on the secondary) or {@code abort} (every
 *               group already moved is handed back, the reverse replication removed)
 */
public record ClientDecision(String client, String action, String by) {

    public static final String RETRY = "retry";
    public static final String SKIP = "skip";
    public static final String ROLLBACK = "rollback";
    public static final String ABORT = "abort";
    /** Every action any gate offers; which of them one gate accepts is in its progress. */
    public static final List<String> ACTIONS = List.of(RETRY, SKIP, ROLLBACK, ABORT);

    /**
     * Why this decision cannot be taken by any gate, or null: the fields an operator must give
     * (a missing {@code by} is no audit trail) and an action that exists.
     */
    public String malformed() {
        if (by == null || by.isBlank()) {
            return "a decision needs 'by' (who decides, for the audit trail): drctl approve ... --by NAME";
        }
        if (client == null || client.isBlank()) {
            return "a decision needs 'client' (e.g. 'consumer orders-app', 'producers'): drctl approve ... --client LABEL";
        }
        if (action == null || !ACTIONS.contains(action)) {
            return "unknown action '" + action + "': one of " + String.join(", ", ACTIONS)
                    + " (which of them this gate accepts is in drctl status)";
        }
        return null;
    }
}
