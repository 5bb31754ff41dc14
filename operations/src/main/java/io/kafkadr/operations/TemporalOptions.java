package io.kafkadr.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.temporal.TemporalFlags;
import io.kafkadr.temporal.TemporalSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How drctl reaches Temporal: the flags and environment of {@link TemporalFlags} (address, namespace,
 * TLS, API key, payload codec); without an address, the local stack's, else 127.0.0.1:7233.
 */
public class TemporalOptions extends TemporalFlags {

    private TemporalSettings settings;

    @Override
    protected String fallbackAddress() {
        String local = localEndpoint("temporal");
        return local != null ? local : super.fallbackAddress();
    }

    /** The resolved settings (files read once); a bad setting is the operator's to fix (exit code 2). */
    @Override
    public TemporalSettings settings() {
        if (settings == null) {
            try {
                settings = super.settings();
            } catch (IllegalArgumentException e) {
                throw new OperationFailedException(e.getMessage(), "BadInput");
            }
        }
        return settings;
    }

    public String address() {
        return settings().address();
    }

    public String namespace() {
        return settings().namespace();
    }

    /**
     * The Temporal Web UI (e.g. {@code http://127.0.0.1:8233}) when drctl talks to the local stack's
     * server and it has one, else null.
     */
    public String uiUrl() {
        String local = localEndpoint("temporal");
        return local != null && local.equals(address()) ? localEndpoint("temporal-ui") : null;
    }

    /** An endpoint of the local stack as {@code drctl local up} wrote it to .local/stack.json, or null. */
    private static String localEndpoint(String name) {
        Path stackJson = Home.path().resolve(".local/stack.json");
        if (!Files.exists(stackJson)) {
            return null;
        }
        try {
            JsonNode node = new ObjectMapper().readTree(stackJson.toFile());
            return node.path("endpoints").path(name).asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
