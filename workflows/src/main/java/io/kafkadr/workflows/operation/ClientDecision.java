package io.kafkadr.workflows.operation;

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
}
