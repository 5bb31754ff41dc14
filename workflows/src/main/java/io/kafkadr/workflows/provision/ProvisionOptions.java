package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.common.Retries;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Activity options and waits of provisioning and teardown, in one place. AWS calls answer in
 * seconds and are retried with backoff (throttling, 5xx, a peering not yet visible in the other
 * region, a service still draining) for up to {@link #CALL_BUDGET}; bad input fails at once. Every
 * AWS request an attempt sends heartbeats ({@code AwsEndpoints}' clients), so an attempt lost with
 * its worker is retried on another worker after {@link #HEARTBEAT} without a heartbeat, not after
 * the whole {@link #STEP}. Long waits (an MSK cluster: 15-40 minutes on AWS) are the workflow's: a
 * describe call, then a timer, so the history grows by a few events per poll, never by a heartbeat
 * per second (heartbeats are not recorded in the history).
 */
final class ProvisionOptions {

    static final Duration CALL_BUDGET = Duration.ofMinutes(20);
    /**
     * How long an attempt may go without a heartbeat: longer than one AWS request (the SDK's 30 s
     * socket timeout, MSK's 60 s call timeout) between two heartbeats.
     */
    static final Duration HEARTBEAT = Duration.ofSeconds(90);
    /** How long one attempt of a step (a handful of AWS requests) may take. */
    static final Duration STEP = Duration.ofMinutes(10);
    static final ActivityOptions AWS_CALLS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(STEP)
            .setHeartbeatTimeout(HEARTBEAT)
            .setScheduleToCloseTimeout(CALL_BUDGET)
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), Integer.MAX_VALUE))
            .build();

    /** First pause between two polls; doubled each poll up to {@link #POLL_MAX}. */
    static final Duration POLL_FIRST = Duration.ofSeconds(5);
    static final Duration POLL_MAX = Duration.ofSeconds(60);
    /** How long an MSK cluster may take to become ACTIVE (or to be deleted) before the run fails. */
    static final Duration MSK_WAIT = Duration.ofMinutes(90);
    /** How long a Connect service may take to become stable. */
    static final Duration SERVICE_WAIT = Duration.ofMinutes(20);

    static final String TIMED_OUT = "ProvisionTimedOut";

    private ProvisionOptions() {
    }

    static ProvisionActivities activities() {
        return Workflow.newActivityStub(ProvisionActivities.class, AWS_CALLS);
    }

    /**
     * Polls {@code done} until it is true, sleeping on durable timers in between (5 s, doubling to
     * 60 s); fails non-retryable after {@code limit}, saying {@code what} did not happen.
     */
    static void waitUntil(String what, Duration limit, Supplier<Boolean> done) {
        long deadline = Workflow.currentTimeMillis() + limit.toMillis();
        Duration pause = POLL_FIRST;
        while (!done.get()) {
            if (Workflow.currentTimeMillis() + pause.toMillis() > deadline) {
                throw ApplicationFailure.newNonRetryableFailure(what + " did not happen within " + limit.toMinutes()
                        + " minutes: see the AWS console; run again to resume where this run stopped", TIMED_OUT);
            }
            Workflow.sleep(pause);
            pause = pause.multipliedBy(2).compareTo(POLL_MAX) > 0 ? POLL_MAX : pause.multipliedBy(2);
        }
    }
}
