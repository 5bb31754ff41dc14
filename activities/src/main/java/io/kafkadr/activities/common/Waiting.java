package io.kafkadr.activities.common;

import io.kafkadr.workflows.common.ActivityFailures;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The wait inside a long activity: check, heartbeat what is still awaited, pause, until the check
 * passes or the time is up. The heartbeat keeps the activity alive and is its progress in
 * {@code drctl status} and the Web UI; after a worker crash the next attempt starts the wait again.
 */
public final class Waiting {

    private Waiting() {
    }

    /**
     * Runs {@code problem} every {@code interval} until it comes back empty (returned as is) or
     * {@code timeout} has passed (the last problem is returned, for the caller's failure message).
     */
    public static Optional<String> until(Duration timeout, Duration interval, Supplier<Optional<String>> problem) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> p = problem.get();
            if (p.isEmpty()) {
                return p;
            }
            Activity.getExecutionContext().heartbeat(p.get());
            if (System.nanoTime() > deadline) {
                return p;
            }
            pause(interval);
        }
    }

    /** Sleeps; an interrupted worker fails the attempt as retryable, so another worker carries on. */
    public static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted while waiting", ActivityFailures.NOT_READY);
        }
    }
}
