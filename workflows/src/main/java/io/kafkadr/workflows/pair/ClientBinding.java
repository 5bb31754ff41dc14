package io.kafkadr.workflows.pair;

import java.util.Map;

/**
 * How the orchestrator points one application at the other cluster and tells it is healthy.
 *
 * @param type     {@code process} (local supervised app), {@code http} (control/status URLs) or
 *                 {@code ecs} (ECS service environment)
 * @param settings type-specific settings, e.g. {@code app} for process, {@code controlUrl} and
 *                 {@code statusUrl} for http, {@code cluster} and {@code service} for ecs
 */
public record ClientBinding(String type, Map<String, String> settings) {

    public static final java.util.Set<String> TYPES = java.util.Set.of("process", "http", "ecs");

    public ClientBinding {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
