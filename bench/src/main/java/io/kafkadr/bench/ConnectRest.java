package io.kafkadr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few Kafka Connect REST calls the scripted runbook makes, as an operator's curl would. */
final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    ConnectRest(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code PUT /connectors/{name}/config}; Connect's 409 (rebalance in progress) is retried. */
    void put(String name, Map<String, String> config) {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/connectors/" + name + "/config"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(write(config))));
            if (r.statusCode() / 100 == 2) {
                return;
            }
            if (r.statusCode() != 409 || attempt > 30) {
                throw new IllegalStateException("Connect " + url + " refused connector " + name + ": HTTP " + r.statusCode()
                        + " " + r.body());
            }
            sleep(1000);
        }
    }

    /** {@code DELETE /connectors/{name}}; a connector that is not there is fine. */
    void delete(String name) {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/connectors/" + name)).DELETE());
            if (r.statusCode() / 100 == 2 || r.statusCode() == 404) {
                return;
            }
            if (r.statusCode() != 409 || attempt > 30) {
                throw new IllegalStateException("Connect " + url + " could not delete " + name + ": HTTP " + r.statusCode()
                        + " " + r.body());
            }
            sleep(1000);
        }
    }

    /** Names of the connectors Connect runs. */
    java.util.List<String> list() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/connectors")).GET());
        try {
            java.util.List<String> out = new java.util.ArrayList<>();
            JSON.readTree(r.body()).forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Connect " + url + " answered " + r.body(), e);
        }
    }

    /** Whether the connector and at least one task, and every task it has, are RUNNING. */
    boolean running(String name) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/connectors/" + name + "/status")).GET());
        if (r.statusCode() != 200) {
            return false;
        }
        try {
            JsonNode s = JSON.readTree(r.body());
            if (!"RUNNING".equals(s.path("connector").path("state").asText()) || s.path("tasks").isEmpty()) {
                return false;
            }
            for (JsonNode t : s.path("tasks")) {
                if (!"RUNNING".equals(t.path("state").asText())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Kafka Connect at " + url + ": " + e.getMessage()
                    + " (is the local stack up? drctl local status)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
