package io.kafkadr.workflows.clients;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Moves applications through their bindings and tells whether they are healthy. Idempotent. */
@ActivityInterface
public interface ClientActivities {

    /**
     * Checks, before anything moves, that this worker can run every client binding of the pair
     * (a supported type with the settings it needs); fails non-retryable listing every problem.
     */
    void checkBindings(PairConfig pair);

    /** Stops the client (on whatever cluster it uses); stopping a stopped client is a no-op. */
    void stop(PairConfig pair, ClientRef client);

    /** Starts (or re-points) the client on {@code cluster}. */
    void start(PairConfig pair, ClientRef client, String cluster);

    /**
     * Waits until the client works on {@code cluster}: a consumer group has members and commits
     * past {@code baseline} (or has nothing left to consume); a producer's topics grow past
     * {@code baseline}. Not healthy in time is a non-retryable {@code ClientUnhealthy}.
     */
    String awaitHealthy(PairConfig pair, ClientRef client, String cluster, List<PartitionOffset> baseline);
}
