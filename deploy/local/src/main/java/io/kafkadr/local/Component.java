package io.kafkadr.local;

import java.time.Duration;
import java.util.List;

/** One process of the local stack: how to prepare it, start it and tell it is ready. */
interface Component {

    String name();

    /** {@code primary}, {@code secondary} or {@code control}. */
    String side();

    /** Ports it listens on; all must be free before it starts. */
    List<Integer> ports();

    /** Writes configs and initialises storage; idempotent. */
    void prepare();

    List<String> command();

    boolean ready();

    default Duration startTimeout() {
        return Duration.ofSeconds(90);
    }
}
