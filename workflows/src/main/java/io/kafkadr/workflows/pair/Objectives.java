package io.kafkadr.workflows.pair;

/**
 * The pair's recovery objectives, which a drill holds its measurements to (see
 * {@code io.kafkadr.workflows.drill.DrillObjectives}). Each is optional: absent (null) means no
 * objective, so nothing is judged against it; negative is an error.
 *
 * @param rtoSeconds  the longest acceptable recovery time: a failover's trigger to the last
 *                    producer healthy on the new cluster
 * @param rpoRecords  the most records a failover may lose (a planned failover loses none by
 *                    construction: it drains replication before the producers move)
 * @param rpoSeconds  the oldest a record not yet copied to the standby may be: the replication
 *                    lag in seconds that the worker's metrics compare it with (alert
 *                    {@code KafkaDrReplicationLagAboveRpo} in {@code deploy/monitoring/})
 */
public record Objectives(Integer rtoSeconds, Long rpoRecords, Integer rpoSeconds) {

    public Objectives(Integer rtoSeconds, Long rpoRecords) {
        this(rtoSeconds, rpoRecords, null);
    }

    /** No objective at all: what a pair without {@code objectives} has. */
    public static Objectives none() {
        return new Objectives(null, null, null);
    }

    public boolean hasRpoSeconds() {
        return rpoSeconds != null;
    }

    public boolean hasRto() {
        return rtoSeconds != null;
    }

    public boolean hasRpo() {
        return rpoRecords != null;
    }
}
