package io.kafkadr.workflows.pair;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * How the orchestrator points one application at the other cluster and tells it is healthy.
 *
 * @param type     {@code process} (local supervised app), {@code http} (control/status URLs) or
 *                 {@code ecs} (ECS service environment); {@value #CANARY} is kafka-dr's own, for the
 *                 drill's canary group only (nothing runs between activities: stop and start do
 *                 nothing, healthy = committed at or past the hand-over)
 * @param settings type-specific settings, e.g. {@code controlUrl} and {@code statusUrl} for http,
 *                 {@code cluster} and {@code service} for ecs
 * @param commands a {@code process} binding's {@code stop} and {@code start} commands, each an argument
 *                 list run without a shell ({@code {cluster}} and {@code {bootstrap}} are replaced inside
 *                 {@code start}'s arguments, each staying one argument)
 */
public record ClientBinding(String type, Map<String, String> settings,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<String>> commands) {

    /** The binding of the drill's canary group, added by the drill, never written in a pair file. */
    public static final String CANARY = "canary";
    /** The binding types a pair may name: {@link BindingType}'s table. */
    public static final List<String> TYPES = BindingType.names();

    /** The canary group's binding. */
    public static ClientBinding canary() {
        return new ClientBinding(CANARY, Map.of());
    }

    public ClientBinding {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        commands = commands == null ? Map.of() : commands.entrySet().stream().collect(java.util.stream.Collectors
                .toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue() == null ? List.of()
                        : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(e.getValue()))));
    }

    /** A binding without commands (http, ecs, canary). */
    public ClientBinding(String type, Map<String, String> settings) {
        this(type, settings, Map.of());
    }

    /** A process binding running {@code stop} and {@code start}, each an argument list. */
    public static ClientBinding process(List<String> stop, List<String> start) {
        return new ClientBinding(BindingType.PROCESS, Map.of(), Map.of("stop", stop, "start", start));
    }
}
