package io.kafkadr.activities.aws;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Optional;

/**
 * Heartbeats the activity that is about to send an AWS request: a step of provisioning makes a
 * handful of requests, each one beat, so an attempt lost with its worker shows within the
 * activity's heartbeat timeout (the SDK sends at most one heartbeat per 80% of it; the rest are
 * free). Outside an activity (a test's own client) it does nothing.
 */
final class RequestHeartbeat implements Runnable {

    @Override
    public void run() {
        context().ifPresent(c -> c.heartbeat(null));
    }

    private static Optional<ActivityExecutionContext> context() {
        try {
            return Optional.of(Activity.getExecutionContext());
        } catch (IllegalStateException notInAnActivity) {
            return Optional.empty();
        }
    }
}
