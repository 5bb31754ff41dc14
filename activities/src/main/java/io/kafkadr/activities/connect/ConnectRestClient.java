package io.kafkadr.activities.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The few Kafka Connect REST calls kafka-dr needs. Errors carry Connect's own message
 * ({@code {"error_code": 400, "message": "..."}}) so the operator sees what Connect objected to.
 */
public class ConnectRestClient {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;

    public ConnectRestClient() {
        this(new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .build());
    }

    public ConnectRestClient(OkHttpClient http) {
        this.http = http;
    }

    /** Creates or updates a connector; idempotent. */
    public void putConfig(String baseUrl, String connector, Map<String, String> config) {
        HttpUrl url = url(baseUrl, "connectors", connector, "config");
        call(new Request.Builder().url(url).put(RequestBody.create(writeJson(config), JSON_TYPE)).build(), false);
    }

    /** Names of the connectors on a Connect group. */
    public List<String> connectors(String baseUrl) {
        List<String> names = new ArrayList<>();
        call(new Request.Builder().url(url(baseUrl, "connectors")).build(), false)
                .ifPresent(list -> list.forEach(n -> names.add(n.asText())));
        return names;
    }

    /** A connector's config as Connect stores it, or empty if the connector is unknown (404). */
    public Optional<JsonNode> config(String baseUrl, String connector) {
        return call(new Request.Builder().url(url(baseUrl, "connectors", connector, "config")).build(), true);
    }

    /** Status of a connector and its tasks, or empty while Connect does not know it (404). */
    public Optional<JsonNode> status(String baseUrl, String connector) {
        return call(new Request.Builder().url(url(baseUrl, "connectors", connector, "status")).build(), true);
    }

    /** Source offsets committed by a connector (KIP-875), or empty if the connector is unknown. */
    public Optional<JsonNode> offsets(String baseUrl, String connector) {
        return call(new Request.Builder().url(url(baseUrl, "connectors", connector, "offsets")).build(), true);
    }

    /** Creates a connector that does not run until resumed (KIP-980); 409 if it exists. */
    public void createStopped(String baseUrl, String connector, Map<String, String> config) {
        String body = writeJson(Map.of("name", connector, "config", config, "initial_state", "STOPPED"));
        call(new Request.Builder().url(url(baseUrl, "connectors")).post(RequestBody.create(body, JSON_TYPE)).build(), false);
    }

    public void resume(String baseUrl, String connector) {
        call(new Request.Builder().url(url(baseUrl, "connectors", connector, "resume"))
                .put(RequestBody.create(new byte[0], JSON_TYPE)).build(), false);
    }

    /** Forgets a stopped connector's source offsets (KIP-875). */
    public void deleteOffsets(String baseUrl, String connector) {
        call(new Request.Builder().url(url(baseUrl, "connectors", connector, "offsets")).delete().build(), false);
    }

    /** Sets a stopped connector's source offsets (KIP-875): {@code {"offsets": [{"partition", "offset"}]}}. */
    public void patchOffsets(String baseUrl, String connector, Object offsets) {
        call(new Request.Builder().url(url(baseUrl, "connectors", connector, "offsets"))
                .patch(RequestBody.create(writeJson(offsets), JSON_TYPE)).build(), false);
    }

    /** Deletes a connector; an unknown connector is already deleted. */
    public void delete(String baseUrl, String connector) {
        call(new Request.Builder().url(url(baseUrl, "connectors", connector)).delete().build(), true);
    }

    /** Stops a connector but keeps its config and offsets (KIP-875); unknown is a no-op. */
    public void stop(String baseUrl, String connector) {
        HttpUrl url = url(baseUrl, "connectors", connector, "stop");
        call(new Request.Builder().url(url).put(RequestBody.create(new byte[0], JSON_TYPE)).build(), true);
    }

    public void restartTask(String baseUrl, String connector, int task) {
        HttpUrl url = url(baseUrl, "connectors", connector, "tasks", Integer.toString(task), "restart");
        call(new Request.Builder().url(url).post(RequestBody.create(new byte[0], JSON_TYPE)).build(), false);
    }

    /** Restarts a failed connector instance together with its failed tasks. */
    public void restartConnector(String baseUrl, String connector) {
        HttpUrl url = url(baseUrl, "connectors", connector, "restart").newBuilder()
                .addQueryParameter("includeTasks", "true").addQueryParameter("onlyFailed", "true").build();
        call(new Request.Builder().url(url).post(RequestBody.create(new byte[0], JSON_TYPE)).build(), false);
    }

    private Optional<JsonNode> call(Request request, boolean notFoundIsEmpty) {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (response.isSuccessful()) {
                return body.isBlank() ? Optional.empty() : Optional.of(JSON.readTree(body));
            }
            if (response.code() == 404 && notFoundIsEmpty) {
                return Optional.empty();
            }
            throw new ConnectRestException(describe(request) + " failed with HTTP " + response.code() + ": "
                    + connectMessage(body) + hint(response.code()), response.code(), null);
        } catch (IOException e) {
            throw new ConnectRestException(describe(request) + ": Connect REST did not answer (" + e.getMessage()
                    + "); check that the Connect workers are running and the pair's connectUrl is right",
                    ConnectRestException.UNREACHABLE, e);
        }
    }

    private static String hint(int code) {
        return switch (code) {
            case 409 -> " (Connect is rebalancing; retried)";
            case 400 -> " (fix the connector settings in the pair config)";
            default -> "";
        };
    }

    private static String connectMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: show the start of the body instead
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String describe(Request request) {
        return request.method() + " " + request.url().encodedPath();
    }

    private static HttpUrl url(String baseUrl, String... segments) {
        HttpUrl base = HttpUrl.parse(baseUrl);
        if (base == null) {
            throw new ConnectRestException("'" + baseUrl + "' is not an http(s) URL; fix connectUrl in the pair",
                    400, null);
        }
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b.build();
    }

    private static String writeJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
