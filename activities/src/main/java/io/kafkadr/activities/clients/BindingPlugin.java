package io.kafkadr.activities.clients;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.pair.BindingType;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;
import java.util.Optional;

/**
 * One client binding type on the worker: how an application is stopped, started against a
 * cluster and seen healthy. A worker runs the plug-ins its {@link BindingRegistry} holds; the
 * type's commands and settings are declared in {@link BindingType}'s table (which the pair
 * validator reads too), so a new binding is a row there plus a class implementing this, added to
 * the registry in the worker.
 *
 * <p>Every method is called from an activity, may be retried and may run twice (a lost response):
 * each must be idempotent. A fault the operator must fix throws a non-retryable
 * {@code ApplicationFailure} ({@code ActivityFailures.BAD_INPUT}), a transient one a retryable one.
 * A rollback is a {@link #stop} and a {@link #start} on the cluster the client came from.
 */
public interface BindingPlugin {

    /** What the Kafka side of a health check looks at, after {@link #health} has no problem. */
    enum KafkaCheck {
        /** A consumer group has members and commits past the hand-over; a producer's topics grow. */
        CLIENT,
        /** The group's committed offsets are at or past the hand-over (a group without members: the canary). */
        COMMITTED
    }

    /** The {@code binding.type} this plug-in runs, a name in {@link BindingType}'s table. */
    String type();

    /**
     * What is wrong with the client's binding beyond {@link BindingType#problems} (which the
     * registry checks first): values the table cannot judge, for this pair. Empty when it can run.
     */
    default List<String> validate(PairConfig pair, ClientRef client) {
        return List.of();
    }

    /** Stops the client, on whatever cluster it runs; stopping a stopped client does nothing. */
    void stop(PairConfig pair, ClientRef client);

    /** Starts the client against {@code target} (one of the pair's clusters), or re-points it there. */
    void start(PairConfig pair, ClientRef client, ClusterConfig target);

    /**
     * The binding's own view of the client on {@code cluster}: a problem while it does not (yet)
     * run there, empty when it does. Called repeatedly while {@code awaitHealthy} waits.
     */
    default Optional<String> health(PairConfig pair, ClientRef client, ClusterConfig cluster) {
        return Optional.empty();
    }

    /** The Kafka check that follows {@link #health}. */
    default KafkaCheck kafkaCheck() {
        return KafkaCheck.CLIENT;
    }
}
