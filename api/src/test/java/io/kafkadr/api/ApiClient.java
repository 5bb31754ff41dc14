package io.kafkadr.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP client (java.net.http) against a running API, that holds every answer against the
 * API's own {@code /openapi.json}.
 */
public final class ApiClient {

    /** An answer. */
    public record Reply(int status, String contentType, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final HttpClient http;
    private final String base;
    private final OpenApiContract contract;

    public ApiClient(HttpClient http, String base) {
        this.http = http;
        this.base = base;
        this.contract = new OpenApiContract(send("GET", "/openapi.json", null, null, null).body());
    }

    public ApiClient(String base) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base);
    }

    public OpenApiContract contract() {
        return contract;
    }

    public Reply get(String path, String token) {
        return checked("GET", path, token, null, null);
    }

    public Reply post(String path, String token, String json) {
        return checked("POST", path, token, json == null ? null : "application/json", json);
    }

    /** {@code n} identical POSTs sent at once (n threads); the answers, each checked. */
    public List<Reply> postAtOnce(int n, String path, String token, String json) throws InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Callable<Reply>> calls = java.util.Collections.nCopies(n, () -> post(path, token, json));
            List<Reply> replies = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Reply> f : pool.invokeAll(calls)) {
                try {
                    replies.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("a concurrent POST " + path + " failed", e.getCause());
                }
            }
            return replies;
        } finally {
            pool.shutdown();
        }
    }

    /** Any request; the answer checked against the document. */
    public Reply checked(String method, String path, String token, String contentType, String body) {
        return checked(method, path, token, contentType, body, Map.of());
    }

    /** Any request with more headers; the answer checked against the document. */
    public Reply checked(String method, String path, String token, String contentType, String body,
                         Map<String, String> headers) {
        Reply reply = send(method, path, token, contentType, body, headers);
        contract.check(method, path, reply.status(), reply.contentType(), reply.headers(), reply.body());
        return reply;
    }

    /** Any request, the answer not checked (a route the document does not have). */
    public Reply send(String method, String path, String token, String contentType, String body) {
        return send(method, path, token, contentType, body, Map.of());
    }

    private Reply send(String method, String path, String token, String contentType, String body,
                       Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
