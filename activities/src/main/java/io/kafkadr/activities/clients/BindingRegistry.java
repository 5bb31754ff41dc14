package io.kafkadr.activities.clients;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.BindingType;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The binding plug-ins a worker runs, by type; built once in the worker. */
public final class BindingRegistry {

    private final Map<String, BindingPlugin> plugins = new LinkedHashMap<>();

    public BindingRegistry(List<BindingPlugin> plugins) {
        for (BindingPlugin plugin : plugins) {
            if (BindingType.of(plugin.type()).isEmpty()) {
                throw new IllegalArgumentException("binding plug-in " + plugin.getClass().getName() + " runs type '"
                        + plugin.type() + "', which BindingType's table does not declare (pair files could not use it); "
                        + "add it there");
            }
            if (this.plugins.putIfAbsent(plugin.type(), plugin) != null) {
                throw new IllegalArgumentException("two binding plug-ins for type '" + plugin.type() + "'");
            }
        }
    }

    /** The types this worker runs, in registration order. */
    public List<String> types() {
        return List.copyOf(plugins.keySet());
    }

    /** The plug-in for the client's binding; fails non-retryable for a client without binding or a type not run here. */
    public BindingPlugin plugin(ClientRef client) {
        if (client.binding() == null || client.binding().type() == null) {
            throw ApplicationFailure.newNonRetryableFailure(client.label() + " has no binding: kafka-dr cannot move it; "
                    + "give it one in the pair config", ActivityFailures.BAD_INPUT);
        }
        return find(client).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(unsupported(client),
                ActivityFailures.BAD_INPUT));
    }

    private Optional<BindingPlugin> find(ClientRef client) {
        return Optional.ofNullable(plugins.get(client.binding().type()));
    }

    private String unsupported(ClientRef client) {
        return client.label() + ": binding type '" + client.binding().type() + "' is not supported by this worker "
                + types();
    }

    /**
     * Every problem of the client's binding, each starting with its label: none, a type not run
     * here, what the table finds missing, then (when the table finds nothing) the plug-in's own checks.
     */
    public List<String> problems(PairConfig pair, ClientRef client) {
        if (client.binding() == null || client.binding().type() == null) {
            return List.of(client.label() + ": no binding");
        }
        Optional<BindingPlugin> plugin = find(client);
        if (plugin.isEmpty()) {
            return List.of(unsupported(client));
        }
        List<String> p = new ArrayList<>(BindingType.of(client.binding().type()).orElseThrow().problems(client.binding()));
        if (p.isEmpty()) {
            p.addAll(plugin.get().validate(pair, client));
        }
        return p.stream().map(problem -> client.label() + ": " + problem).toList();
    }
}
