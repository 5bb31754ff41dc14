package io.kafkadr.starter.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the Temporal server is: --temporal, else $TEMPORAL_ADDRESS, else the local stack's, else 127.0.0.1:7233. */
public class TemporalOptions {

    @Option(names = "--temporal", paramLabel = "HOST:PORT",
            description = "Temporal frontend (default: $TEMPORAL_ADDRESS, else the local stack's, else 127.0.0.1:7233)")
    String address;

    @Option(names = "--namespace", defaultValue = "default", description = "Temporal namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    public String address() {
        if (address != null) {
            return address;
        }
        String env = System.getenv("TEMPORAL_ADDRESS");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String local = localEndpoint("temporal");
        return local != null ? local : "127.0.0.1:7233";
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

    public String namespace() {
        return namespace;
    }
}
