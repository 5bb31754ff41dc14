package io.kafkadr.operations;

import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairRegistry;
import java.nio.file.Path;

/** The kafka-dr checkout drctl runs from (set by the drctl launcher). */
public final class Home {

    private Home() {
    }

    public static Path path() {
        return Path.of(System.getProperty("kafkadr.home", ".")).toAbsolutePath().normalize();
    }

    /** The pairs the worker on this host serves: {@code given} folders, else its defaults, under the checkout. */
    public static PairRegistry pairs(String given) {
        return PairRegistry.configured(given, path());
    }

    /**
     * Makes the worker on this host (the local stack's) serve {@code pair} as drctl built it (a
     * drill's pair pointed at the stack's ports, a benchmark's generated pair), unless it does already.
     */
    public static PairConfig registerHere(PairConfig pair) {
        pairs(null).register(pair);
        return pair;
    }
}
