package io.kafkadr.workflows.drill;

import io.kafkadr.workflows.verify.Check;
import java.util.List;

/**
 * One phase of a drill: a child workflow (its history is the phase's audit trail) and the checks
 * the drill judged it by.
 *
 * @param name       one of the phase names below
 * @param workflowId the child workflow that ran the phase; null for {@link #VERIFY_SECONDARY},
 *                   which the drill checks itself
 * @param passed     whether the phase ran to its end and every check passed
 * @param checks     what the phase was judged by
 * @param detail     why it failed (the child's error), or what it did
 */
public record DrillPhase(String name, String workflowId, boolean passed, long startedAtMillis, long endedAtMillis,
                         List<Check> checks, String detail) {

    /** Replication primary -> secondary set up (optional, first). */
    public static final String REPLICATE = "replicate";
    /** Replication verified before anything moves. */
    public static final String PRE_VERIFY = "pre-verify";
    /** Planned failover to the secondary. */
    public static final String FAILOVER = "failover";
    /** The pair is active on the secondary and every client moved there healthy. */
    public static final String VERIFY_SECONDARY = "verify-secondary";
    /** Staged failback to the primary. */
    public static final String FAILBACK = "failback";
    /** The failback a failed phase after the failover ran to return the pair. */
    public static final String STAND_DOWN = "stand-down";
    /** The restored replication primary -> secondary verified. */
    public static final String VERIFY = "verify";

    public long durationMillis() {
        return endedAtMillis - startedAtMillis;
    }
}
