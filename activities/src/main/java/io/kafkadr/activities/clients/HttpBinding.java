package io.kafkadr.activities.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The {@code http} binding: the application moves itself when told. {@code controlUrl} gets a
 * POST of {@code {"cluster": alias, "bootstrapServers": ...}} (a "stop" is a POST of
 * {@code {"action": "stop"}}); {@code statusUrl} answers JSON with at least {@code cluster}.
 */
class HttpBinding {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient http;

    HttpBinding(OkHttpClient http) {
        this.http = http;
    }

    void stop(ClientRef client) {
        post(client, Map.of("action", "stop"));
    }

    void start(ClientRef client, ClusterConfig cluster) {
        post(client, Map.of("action", "start", "cluster", cluster.alias(), "bootstrapServers", cluster.bootstrapServers()));
    }

    /** The cluster the application reports it uses, if its status URL answers. */
    Optional<String> reportedCluster(ClientRef client) {
        String url = setting(client, "statusUrl");
        try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
            if (!r.isSuccessful()) {
                return Optional.empty();
            }
            JsonNode status = JSON.readTree(r.body().string());
            return Optional.ofNullable(status.path("cluster").asText(null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void post(ClientRef client, Map<String, String> body) {
        String url = setting(client, "controlUrl");
        try (Response r = http.newCall(new Request.Builder().url(url)
                .post(RequestBody.create(JSON.writeValueAsString(body), JSON_TYPE)).build()).execute()) {
            if (r.code() >= 400 && r.code() < 500) {
                throw ApplicationFailure.newNonRetryableFailure(client.label() + ": " + url + " refused " + body.get("action")
                        + " with HTTP " + r.code() + ": " + r.body().string(), ActivityFailures.BAD_INPUT);
            }
            if (!r.isSuccessful()) {
                throw ApplicationFailure.newFailure(client.label() + ": " + url + " answered HTTP " + r.code(),
                        ActivityFailures.NOT_READY);
            }
        } catch (IOException e) {
            throw ApplicationFailure.newFailure(client.label() + ": " + url + " did not answer: " + e.getMessage(),
                    ActivityFailures.UNREACHABLE);
        }
    }

    private static String setting(ClientRef client, String name) {
        String url = client.binding().settings().get(name);
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw ApplicationFailure.newNonRetryableFailure(client.label() + ": http binding needs settings." + name
                    + " (an http(s) URL)", ActivityFailures.BAD_INPUT);
        }
        return url;
    }
}
