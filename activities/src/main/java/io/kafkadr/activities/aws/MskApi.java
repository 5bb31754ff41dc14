package io.kafkadr.activities.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Amazon MSK's control plane (a REST-JSON API; this machine's Maven registry serves no
 * {@code software.amazon.awssdk:kafka}): requests signed with the SDK's own SigV4 signer (service
 * {@code kafka}) and the credentials of {@link AwsClients}, sent to {@code kafka.<region>.amazonaws.com}
 * or the endpoint override, failures mapped like every other AWS call ({@link AwsFailures}).
 * Request and response shapes are the AWS MSK API reference's.
 */
public final class MskApi {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AwsClients clients;
    private final OkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public MskApi(AwsClients clients) {
        this(clients, new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build());
    }

    public MskApi(AwsClients clients, OkHttpClient http) {
        this.clients = clients;
        this.http = http;
    }

    /** CreateClusterV2 ({@code POST /api/v2/clusters}); the new cluster's ARN. */
    public String createClusterV2(String region, ObjectNode body) {
        return call("creating MSK cluster " + body.path("clusterName").asText() + " in " + region, region,
                SdkHttpMethod.POST, "/api/v2/clusters", body).orElseThrow().path("clusterArn").asText();
    }

    /** DescribeClusterV2's {@code clusterInfo}, or empty when there is no such cluster. */
    public Optional<JsonNode> describeClusterV2(String region, String arn) {
        return call("describing MSK cluster " + arn, region, SdkHttpMethod.GET, "/api/v2/clusters/" + encode(arn), null)
                .map(r -> r.path("clusterInfo"));
    }

    /** ListClustersV2 with {@code clusterNameFilter} (a prefix, as MSK reads it), every page. */
    public List<JsonNode> listClustersV2(String region, String nameFilter) {
        List<JsonNode> clusters = new ArrayList<>();
        String next = null;
        do {
            String query = "?clusterNameFilter=" + SdkHttpUtils.urlEncode(nameFilter)
                    + (next == null ? "" : "&nextToken=" + SdkHttpUtils.urlEncode(next));
            JsonNode page = call("listing MSK clusters named " + nameFilter + " in " + region, region, SdkHttpMethod.GET,
                    "/api/v2/clusters" + query, null).orElseThrow();
            page.path("clusterInfoList").forEach(clusters::add);
            next = page.path("nextToken").isTextual() && !page.path("nextToken").asText().isEmpty()
                    ? page.path("nextToken").asText() : null;
        } while (next != null);
        return clusters;
    }

    /** GetBootstrapBrokers ({@code GET /v1/clusters/{arn}/bootstrap-brokers}). */
    public JsonNode bootstrapBrokers(String region, String arn) {
        return call("getting the bootstrap brokers of MSK cluster " + arn, region, SdkHttpMethod.GET,
                "/v1/clusters/" + encode(arn) + "/bootstrap-brokers", null).orElseThrow(() -> AwsFailures.of(
                "getting the bootstrap brokers of MSK cluster " + arn, notFound("no cluster " + arn)));
    }

    /** ListScramSecrets ({@code GET /v1/clusters/{arn}/scram-secrets}), every page. */
    public List<String> scramSecrets(String region, String arn) {
        List<String> secrets = new ArrayList<>();
        String next = null;
        do {
            String path = "/v1/clusters/" + encode(arn) + "/scram-secrets"
                    + (next == null ? "" : "?nextToken=" + SdkHttpUtils.urlEncode(next));
            JsonNode page = call("listing the SCRAM secrets of MSK cluster " + arn, region, SdkHttpMethod.GET, path, null)
                    .orElseThrow(() -> AwsFailures.of("listing the SCRAM secrets of " + arn, notFound("no cluster " + arn)));
            page.path("secretArnList").forEach(s -> secrets.add(s.asText()));
            next = page.path("nextToken").isTextual() && !page.path("nextToken").asText().isEmpty()
                    ? page.path("nextToken").asText() : null;
        } while (next != null);
        return secrets;
    }

    /**
     * BatchAssociateScramSecret ({@code POST /v1/clusters/{arn}/scram-secrets}); the secrets MSK did
     * not associate, each as {@code arn: errorCode errorMessage}.
     */
    public List<String> associateScramSecrets(String region, String arn, List<String> secretArns) {
        ObjectNode body = MAPPER.createObjectNode();
        secretArns.forEach(body.putArray("secretArnList")::add);
        JsonNode answer = call("associating SCRAM secrets with MSK cluster " + arn, region, SdkHttpMethod.POST,
                "/v1/clusters/" + encode(arn) + "/scram-secrets", body)
                .orElseThrow(() -> AwsFailures.of("associating SCRAM secrets with " + arn, notFound("no cluster " + arn)));
        List<String> unprocessed = new ArrayList<>();
        answer.path("unprocessedScramSecrets").forEach(u -> unprocessed.add(u.path("secretArn").asText() + ": "
                + u.path("errorCode").asText() + " " + u.path("errorMessage").asText()));
        return unprocessed;
    }

    /** DeleteCluster ({@code DELETE /v1/clusters/{arn}}); false when there was no such cluster. */
    public boolean deleteCluster(String region, String arn) {
        return call("deleting MSK cluster " + arn, region, SdkHttpMethod.DELETE, "/v1/clusters/" + encode(arn), null)
                .isPresent();
    }

    private static String encode(String arn) {
        return SdkHttpUtils.urlEncode(arn);
    }

    private static AwsServiceException notFound(String message) {
        return AwsServiceException.builder().statusCode(404).message(message).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("NotFoundException").errorMessage(message).serviceName("kafka").build()).build();
    }

    /** One signed call; empty on 404 (NotFoundException); every other failure mapped by {@link AwsFailures}. */
    private Optional<JsonNode> call(String what, String region, SdkHttpMethod method, String pathAndQuery, JsonNode body) {
        URI base = clients.endpoint().orElseGet(() -> URI.create("https://kafka." + region + ".amazonaws.com"));
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + pathAndQuery);
        byte[] payload = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().uri(uri).method(method)
                .putHeader("Accept", "application/json");
        if (body != null) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        SignedRequest signed;
        try {
            signed = signer.sign(r -> r.identity(clients.credentials().resolveCredentials())
                    .request(unsigned.build())
                    .payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kafka")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        } catch (SdkClientException e) {
            throw AwsFailures.of(what + " (no AWS credentials)", e);
        }
        Request.Builder request = new Request.Builder().url(signed.request().getUri().toString());
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> request.addHeader(name, v));
            }
        });
        request.method(method.name(), body == null ? (method == SdkHttpMethod.POST ? RequestBody.create(payload, JSON) : null)
                : RequestBody.create(payload, JSON));
        clients.beforeRequest();
        try (Response response = http.newCall(request.build()).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (response.isSuccessful()) {
                return Optional.of(text.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(text));
            }
            AwsServiceException error = error(response, text);
            if (AwsFailures.notFound(error)) {
                return Optional.empty();
            }
            throw AwsFailures.of(what, error);
        } catch (IOException e) {
            throw AwsFailures.of(what, SdkClientException.create(uri.getHost() + ": " + e.getMessage(), e));
        }
    }

    /** MSK's error: the type in {@code x-amzn-ErrorType} ({@code NotFoundException:http://...}), the message in the body. */
    private static AwsServiceException error(Response response, String text) {
        String type = Optional.ofNullable(response.header("x-amzn-ErrorType")).orElse("");
        String message = text;
        try {
            JsonNode json = MAPPER.readTree(text);
            if (json != null && json.isObject()) {
                message = json.path("message").asText(json.path("Message").asText(text));
                if (type.isEmpty()) {
                    type = json.path("__type").asText(json.path("code").asText(""));
                }
            }
        } catch (IOException notJson) {
            // the body as it came
        }
        String code = type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
        if (code.contains("#")) {
            code = code.substring(code.indexOf('#') + 1);
        }
        return AwsServiceException.builder().statusCode(response.code()).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code.isEmpty() ? "HTTP" + response.code() : code)
                        .errorMessage(message).serviceName("kafka").build()).build();
    }
}
