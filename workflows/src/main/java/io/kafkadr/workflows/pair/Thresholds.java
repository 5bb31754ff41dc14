package io.kafkadr.workflows.pair;

/**
 * Pass/fail limits and timeouts of a pair.
 *
 * @param countToleranceRecords   allowed difference between source and target record counts
 *                                per partition, default 0 (raise it to verify under live traffic)
 * @param maxLagRecords           allowed replication lag per partition (records the source holds
 *                                beyond the last one MM2 committed), default 0
 * @param heartbeatMaxAgeSeconds  newest MM2 heartbeat on the target must be younger, default 30
 * @param setupTimeoutSeconds     connectors and tasks must be RUNNING within, default 120
 * @param verifyTimeoutSeconds    verification retries until every check passes or this elapses,
 *                                default 120
 */
public record Thresholds(
        long countToleranceRecords,
        long maxLagRecords,
        int heartbeatMaxAgeSeconds,
        int setupTimeoutSeconds,
        int verifyTimeoutSeconds) {

    public Thresholds {
        heartbeatMaxAgeSeconds = heartbeatMaxAgeSeconds <= 0 ? 30 : heartbeatMaxAgeSeconds;
        setupTimeoutSeconds = setupTimeoutSeconds <= 0 ? 120 : setupTimeoutSeconds;
        verifyTimeoutSeconds = verifyTimeoutSeconds <= 0 ? 120 : verifyTimeoutSeconds;
    }

    public static Thresholds defaults() {
        return new Thresholds(0, 0, 0, 0, 0);
    }
}
