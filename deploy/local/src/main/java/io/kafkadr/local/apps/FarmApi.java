package io.kafkadr.local.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link GroupFarm}'s HTTP API, kafka-dr's {@code http} client binding per group:
 * <ul>
 *   <li>{@code POST /groups/<group>/control} with {@code {"action":"stop"}} or
 *       {@code {"action":"start","cluster":alias,"bootstrapServers":...}} (controlUrl)</li>
 *   <li>{@code GET /groups/<group>/status}: {@code {"cluster": alias or null when stopped, ...}} (statusUrl)</li>
 *   <li>{@code GET /status}: the whole farm (groups per cluster, how many committed since they started)</li>
 * </ul>
 * Free of HTTP and Kafka so its decisions are unit-tested.
 */
final class FarmApi {

    /** What the API needs of a group. */
    interface Group {
        String name();

        void start(String cluster, String bootstrapServers);

        /** True once the consumer closed (it left the group). */
        boolean stop();

        Map<String, Object> status();
    }

    record Response(int code, Object body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/groups/";

    private final Map<String, ? extends Group> groups;

    FarmApi(Map<String, ? extends Group> groups) {
        this.groups = groups;
    }

    Response handle(String method, String path, String body) {
        if (path.equals("/status") && method.equals("GET")) {
            return new Response(200, summary());
        }
        if (!path.startsWith(PREFIX)) {
            return error(404, "no such endpoint " + path + ": use /status, /groups/<group>/status or /groups/<group>/control");
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            return error(404, "no such endpoint " + path + ": use /groups/<group>/status or /groups/<group>/control");
        }
        String name = rest.substring(0, slash);
        String endpoint = rest.substring(slash + 1);
        Group group = groups.get(name);
        if (group == null) {
            return error(404, "no group '" + name + "' in this farm (it hosts " + groups.size() + " groups)");
        }
        return switch (endpoint) {
            case "status" -> method.equals("GET") ? new Response(200, group.status())
                    : error(405, "GET " + path);
            case "control" -> method.equals("POST") ? control(group, body) : error(405, "POST " + path);
            default -> error(404, "no such endpoint " + path + ": use /groups/<group>/status or /groups/<group>/control");
        };
    }

    private Response control(Group group, String body) {
        JsonNode request;
        try {
            request = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return error(400, "the body is not JSON: " + e.getMessage());
        }
        String action = request.path("action").asText("");
        switch (action) {
            case "stop" -> {
                if (!group.stop()) {
                    return error(503, group.name() + " did not stop in time; ask again");
                }
                return new Response(200, group.status());
            }
            case "start" -> {
                String cluster = request.path("cluster").asText("");
                String bootstrap = request.path("bootstrapServers").asText("");
                if (cluster.isBlank() || bootstrap.isBlank()) {
                    return error(400, "start needs \"cluster\" and \"bootstrapServers\"");
                }
                group.start(cluster, bootstrap);
                return new Response(200, group.status());
            }
            default -> {
                return error(400, "\"action\" must be \"start\" or \"stop\", got \"" + action + "\"");
            }
        }
    }

    private Map<String, Object> summary() {
        Map<String, Integer> perCluster = new TreeMap<>();
        int committed = 0;
        int stopped = 0;
        long consumed = 0;
        for (Group g : groups.values()) {
            Map<String, Object> s = g.status();
            Object cluster = s.get("cluster");
            if (cluster == null) {
                stopped++;
            } else {
                perCluster.merge(cluster.toString(), 1, Integer::sum);
            }
            if (Boolean.TRUE.equals(s.get("committedSinceStart"))) {
                committed++;
            }
            consumed += ((Number) s.getOrDefault("consumed", 0L)).longValue();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groups", groups.size());
        out.put("running", perCluster);
        out.put("stopped", stopped);
        out.put("committedSinceStart", committed);
        out.put("consumed", consumed);
        return out;
    }

    private static Response error(int code, String message) {
        return new Response(code, Map.of("error", message));
    }
}
