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
        Path stackJson = Home.path().resolve(".local/stack.json");
        if (Files.exists(stackJson)) {
            try {
                JsonNode node = new ObjectMapper().readTree(stackJson.toFile());
                String local = node.path("endpoints").path("temporal").asText(null);
                if (local != null) {
                    return local;
                }
            } catch (IOException e) {
                // fall back to the default
            }
        }
        return "127.0.0.1:7233";
    }

    public String namespace() {
        return namespace;
    }
}
