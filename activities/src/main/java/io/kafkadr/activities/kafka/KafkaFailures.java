package io.kafkadr.activities.kafka;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;

/** Waits on admin futures and turns Kafka errors into failures that say what to do. */
public final class KafkaFailures {

    private KafkaFailures() {
    }

    public static <T> T await(KafkaFuture<T> future, ClusterConfig cluster, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted while " + what, ActivityFailures.UNREACHABLE);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), cluster, what);
        }
    }

    public static ApplicationFailure translate(Throwable cause, ClusterConfig cluster, String what) {
        String where = "cluster '" + cluster.alias() + "' (" + cluster.bootstrapServers() + ")";
        if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
            return ApplicationFailure.newNonRetryableFailure(where + " refused " + what + ": " + cause.getMessage()
                    + "; check the cluster's security settings and the credentials its secretRef points to",
                    ActivityFailures.BAD_INPUT);
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException || cause instanceof TimeoutException) {
            return ApplicationFailure.newFailure(where + " did not answer while " + what + " within "
                    + KafkaClientConfigs.API_TIMEOUT_MS / 1000 + " s: check that its brokers are up and the "
                    + "bootstrap address is right", ActivityFailures.UNREACHABLE);
        }
        if (cause instanceof RetriableException) {
            return ApplicationFailure.newFailure(where + ": " + what + " failed, will retry: " + cause.getMessage(),
                    ActivityFailures.NOT_READY);
        }
        return ApplicationFailure.newFailure(where + ": " + what + " failed: " + cause, ActivityFailures.NOT_READY);
    }
}
