package io.kafkadr.workflows.common;

import io.kafkadr.workflows.pair.PairSource;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Retry policies of kafka-dr's activities: backoff as given, never on input the operator must fix. */
public final class Retries {

    private Retries() {
    }

    public static RetryOptions backoff(Duration initial, Duration maximum, int attempts) {
        return RetryOptions.newBuilder()
                .setInitialInterval(initial)
                .setMaximumInterval(maximum)
                .setMaximumAttempts(attempts)
                .setDoNotRetry(ActivityFailures.BAD_INPUT, PairSource.BAD_PAIR, ActivityFailures.PAIR_BUSY,
                        ActivityFailures.CLIENT_UNHEALTHY)
                .build();
    }
}
