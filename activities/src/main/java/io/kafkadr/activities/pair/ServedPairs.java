package io.kafkadr.activities.pair;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigException;
import io.kafkadr.workflows.pair.PairNarrowing;
import io.kafkadr.workflows.pair.PairRegistry;
import io.kafkadr.workflows.pair.PairSource;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * The worker's side of the trust boundary: the pairs it serves ({@link PairRegistry}) and the
 * checks that what reaches an activity only narrows one of them. Every refusal is non-retryable
 * ({@value ActivityFailures#NOT_SERVED}) and says how to register the pair.
 */
public final class ServedPairs {

    private final PairRegistry registry;

    public ServedPairs(PairRegistry registry) {
        this.registry = registry;
    }

    public PairRegistry registry() {
        return registry;
    }

    /** The pair served under {@code name}. */
    public PairConfig registered(String name) {
        try {
            return registry.find(name).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                    registry.notServed(name), ActivityFailures.NOT_SERVED));
        } catch (PairConfigException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), PairSource.BAD_PAIR);
        }
    }

    /** Refuses {@code pair} unless it names a served pair and only narrows it. */
    public void check(PairConfig pair) {
        if (pair.namesOnly()) {
            registered(pair.name());
            return;
        }
        List<String> beyond = PairNarrowing.beyond(registered(pair.name()), pair);
        if (!beyond.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(PairNarrowing.refusal(pair.name(), beyond),
                    ActivityFailures.NOT_SERVED);
        }
    }

    /** Refuses {@code client} unless its binding is the one the served pair gives it. */
    public void check(PairConfig pair, ClientRef client) {
        List<String> beyond = PairNarrowing.beyond(registered(pair.name()), client);
        if (!beyond.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(PairNarrowing.refusal(pair.name(), beyond),
                    ActivityFailures.NOT_SERVED);
        }
    }
}
