package io.kafkadr.workflows.pair;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/** Which traffic a drill accounts for: the pair's own clients, kafka-dr's built-in canary, or both. */
public enum DrillTraffic {
    /** The pair's consumer groups and producers, moved through their bindings (the default). */
    CLIENTS,
    /**
     * Only the canary: for a pair that lists no clients (its clusters' applications are stopped, or
     * it has none), since a failover moves every client a pair lists.
     */
    CANARY,
    /** The pair's clients and the canary. */
    BOTH;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    /** Lowercase names; anything else is left to the validator, which names the choices. */
    @JsonCreator
    public static DrillTraffic of(String value) {
        return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("one of " + choices() + " (got '" + value + "')"));
    }

    public static List<String> choices() {
        return Arrays.stream(values()).map(DrillTraffic::value).toList();
    }

    public boolean usesCanary() {
        return this != CLIENTS;
    }

    /** Whether the drill accounts for the pair's own clients (the local drill runs its sample apps). */
    public boolean usesClients() {
        return this != CANARY;
    }
}
