package io.kafkadr.workflows.pair;

import java.util.Map;

/**
 * How the orchestrator points one application at the other cluster and tells it is healthy.
 *
 * @param type     {@code process} (local supervised app), {@code http} (control/status URLs) or
 *                 {@code ecs} (ECS service environment); {@value #CANARY} is kafka-dr's own, for the
 *                 drill's canary group only (nothing runs between activities: stop and start do
 *                 nothing, healthy = committed at or past the hand-over)
 * @param settings type-specific settings, e.g. {@code app} for process, {@code controlUrl} and
 *                 {@code statusUrl} for http, {@code cluster} and {@code service} for ecs
 */
public record ClientBinding(String type, Map<String, String> settings) {

    /** The binding of the drill's canary group, added by the drill, never written in a pair file. */
    public static final String CANARY = "canary";
    public static final java.util.Set<String> TYPES = java.util.Set.of("process", "http", "ecs", CANARY);

    /** The canary group's binding. */
    public static ClientBinding canary() {
        return new ClientBinding(CANARY, Map.of());
    }

    public ClientBinding {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
