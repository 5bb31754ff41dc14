package io.kafkadr.activities.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.BindingType;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.List;
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
public class HttpBinding implements BindingPlugin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient http;

    public HttpBinding(OkHttpClient http) {
        this.http = http;
    }

    @Override
    public String type() {
        return BindingType.HTTP;
    }

    @Override
    public void stop(PairConfig pair, ClientRef client) {
        post(client, Map.of("action", "stop"));
    }

    @Override
    public void start(PairConfig pair, ClientRef client, ClusterConfig cluster) {
        post(client, Map.of("action", "start", "cluster", cluster.alias(), "bootstrapServers", cluster.bootstrapServers()));
    }

    /** Healthy once its status URL reports {@code cluster}. */
    @Override
    public Optional<String> health(PairConfig pair, ClientRef client, ClusterConfig cluster) {
        Optional<String> reported = reportedCluster(client);
        return reported.filter(cluster.alias()::equals).isPresent() ? Optional.empty()
                : Optional.of("its status URL reports cluster " + reported.orElse("(no answer)"));
    }

    /** The cluster the application reports it uses, if its status URL answers. */
    Optional<String> reportedCluster(ClientRef client) {
        String url = setting(client, BindingType.HTTP_STATUS_URL);
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
        String url = setting(client, BindingType.HTTP_CONTROL_URL);
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

    @Override
    public List<String> validate(PairConfig pair, ClientRef client) {
        return java.util.stream.Stream.of(BindingType.HTTP_CONTROL_URL, BindingType.HTTP_STATUS_URL)
                .map(s -> urlProblem(client, s)).flatMap(Optional::stream).toList();
    }

    private static Optional<String> urlProblem(ClientRef client, BindingType.Setting setting) {
        String url = setting.valueIn(client.binding());
        return url != null && (url.startsWith("http://") || url.startsWith("https://")) ? Optional.empty()
                : Optional.of("http binding needs settings." + setting.name() + " (an http(s) URL)");
    }

    private static String setting(ClientRef client, BindingType.Setting setting) {
        urlProblem(client, setting).ifPresent(p -> {
            throw ApplicationFailure.newNonRetryableFailure(client.label() + ": " + p, ActivityFailures.BAD_INPUT);
        });
        return setting.valueIn(client.binding());
    }
}
