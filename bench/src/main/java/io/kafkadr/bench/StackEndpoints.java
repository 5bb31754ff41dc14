package io.kafkadr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local stack's endpoints, as {@code drctl local up} wrote them to {@code .local/stack.json}. */
record StackEndpoints(String primaryBootstrap, String secondaryBootstrap, String primaryConnect, String secondaryConnect) {

    static StackEndpoints read(Path stackJson) {
        if (!Files.exists(stackJson)) {
            throw new IllegalStateException(stackJson + " does not exist: bring the local stack up first (drctl local up)");
        }
        try {
            JsonNode e = new ObjectMapper().readTree(stackJson.toFile()).path("endpoints");
            return new StackEndpoints(required(e, "kafka-primary"), required(e, "kafka-secondary"),
                    required(e, "connect-primary-1"), required(e, "connect-secondary-1"));
        } catch (IOException ex) {
            throw new IllegalStateException("cannot read " + stackJson + ": " + ex.getMessage(), ex);
        }
    }

    private static String required(JsonNode endpoints, String name) {
        String v = endpoints.path(name).asText(null);
        if (v == null) {
            throw new IllegalStateException("the local stack lists no endpoint '" + name + "' in .local/stack.json: "
                    + "bring it up again (drctl local up)");
        }
        return v;
    }
}
