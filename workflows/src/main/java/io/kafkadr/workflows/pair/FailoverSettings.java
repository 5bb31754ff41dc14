package io.kafkadr.workflows.pair;

/**
 * Limits of the client moves in a failover or failback.
 *
 * @param groupEmptyTimeoutSeconds   a stopped consumer group must have left the old cluster within, default 60
 * @param clientHealthTimeoutSeconds a moved client must be healthy on the new cluster within, default 60
 * @param drainTimeoutSeconds        replication must have copied every record of the stopped
 *                                   producers within, default 120
 * @param approvalTimeoutSeconds     an approval must arrive within, default 3600
 * @param handOverScanRecords        how far past MM2's translated offset the exact offset
 *                                   hand-over looks for the last consumed record, default 100000
 * @param observeIntervalSeconds     how often the pair entity reads the active cluster's end
 *                                   offsets while replication runs (basis of the loss figures of an
 *                                   unplanned failover), default {@value #OBSERVE_INTERVAL_SECONDS_DEFAULT}
 * @param groupConcurrency           how many consumer groups a failover moves at once (each as
 *                                   a child workflow), default {@value #GROUP_CONCURRENCY_DEFAULT};
 *                                   absent means the default, less than 1 is an error
 * @param failbackGroupConcurrency   the same for a failback, default
 *                                   {@value #FAILBACK_GROUP_CONCURRENCY_DEFAULT}: the runbook
 *                                   moves groups back one at a time
 */
public record FailoverSettings(
        int groupEmptyTimeoutSeconds,
        int clientHealthTimeoutSeconds,
        int drainTimeoutSeconds,
        int approvalTimeoutSeconds,
        int handOverScanRecords,
        int observeIntervalSeconds,
        Integer groupConcurrency,
        Integer failbackGroupConcurrency) {

    public static final int GROUP_CONCURRENCY_DEFAULT = 20;
    /**
     * Once a second: the unplanned failover's loss estimate covers the silence after the last
     * observation, so the shorter the interval, the less it estimates. Each observation is one
     * activity on the pair entity (about five history events; it continues as new well before
     * Temporal's limits).
     */
    public static final int OBSERVE_INTERVAL_SECONDS_DEFAULT = 1;
    public static final int FAILBACK_GROUP_CONCURRENCY_DEFAULT = 1;

    /** Without the concurrency settings (their defaults apply). */
    public FailoverSettings(int groupEmptyTimeoutSeconds, int clientHealthTimeoutSeconds, int drainTimeoutSeconds,
                            int approvalTimeoutSeconds, int handOverScanRecords, int observeIntervalSeconds) {
        this(groupEmptyTimeoutSeconds, clientHealthTimeoutSeconds, drainTimeoutSeconds, approvalTimeoutSeconds,
                handOverScanRecords, observeIntervalSeconds, null, null);
    }

    /** Consumer groups a failover moves at once. */
    public int groupsAtOnce() {
        return groupConcurrency == null ? GROUP_CONCURRENCY_DEFAULT : groupConcurrency;
    }

    /** Consumer groups a failback moves at once. */
    public int groupsAtOnceOnFailback() {
        return failbackGroupConcurrency == null ? FAILBACK_GROUP_CONCURRENCY_DEFAULT : failbackGroupConcurrency;
    }

    public FailoverSettings {
        groupEmptyTimeoutSeconds = groupEmptyTimeoutSeconds <= 0 ? 60 : groupEmptyTimeoutSeconds;
        clientHealthTimeoutSeconds = clientHealthTimeoutSeconds <= 0 ? 60 : clientHealthTimeoutSeconds;
        drainTimeoutSeconds = drainTimeoutSeconds <= 0 ? 120 : drainTimeoutSeconds;
        approvalTimeoutSeconds = approvalTimeoutSeconds <= 0 ? 3600 : approvalTimeoutSeconds;
        handOverScanRecords = handOverScanRecords <= 0 ? 100_000 : handOverScanRecords;
        observeIntervalSeconds = observeIntervalSeconds <= 0 ? OBSERVE_INTERVAL_SECONDS_DEFAULT : observeIntervalSeconds;
    }

    public static FailoverSettings defaults() {
        return new FailoverSettings(0, 0, 0, 0, 0, 0);
    }
}
