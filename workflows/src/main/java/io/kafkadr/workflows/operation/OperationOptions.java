package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.common.Retries;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;

/** Activity options of failover, failback and a group's move, in one place. */
public final class OperationOptions {

    /**
     * Quick calls (lock, reachability, connector removal): a short start-to-close timeout, so a
     * call lost with a killed worker is retried within seconds.
     */
    public static final ActivityOptions QUICK = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 10))
            .build();

    /**
     * Client moves, hand-overs, waits, salvage: they heartbeat, so a worker killed mid-way is
     * noticed within the heartbeat timeout and the step resumes on another worker.
     */
    public static final ActivityOptions LONG = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(30))
            .setHeartbeatTimeout(Duration.ofSeconds(15))
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(2), Duration.ofSeconds(20), 20))
            .build();

    private OperationOptions() {
    }
}
