package io.kafkadr.activities.aws;

import io.kafkadr.workflows.common.ActivityFailures;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Which AWS endpoints the worker sends signed requests to: AWS's own (no override), an emulator on
 * loopback (moto: 127.0.0.1, localhost, [::1]), or an endpoint the worker's own configuration lists
 * ({@value #FLAG} / {@value #ENV}). A workflow input names the endpoint (it is not a secret), so
 * whoever may start a workflow could otherwise make the worker sign requests for any host.
 * Loopback emulators get fixed emulator credentials, never the worker's own; listed endpoints
 * (a VPC endpoint, a proxy) get the worker's credentials. Every request these clients send
 * heartbeats the activity that sends it ({@link RequestHeartbeat}).
 */
public final class AwsEndpoints implements AutoCloseable {

    public static final String FLAG = "--aws-endpoint-url";
    public static final String ENV = "KAFKADR_AWS_ENDPOINT_URLS";
    /** What a loopback emulator is signed with: moto accepts any key. */
    static final AwsCredentialsProvider EMULATOR = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("kafka-dr-emulator", "kafka-dr-emulator"));

    private final Runnable heartbeat = new RequestHeartbeat();

    private final AwsCredentialsProvider credentials;
    private final Set<URI> allowed;
    private final Map<String, AwsClients> clients = new ConcurrentHashMap<>();

    /**
     * @param credentials what requests to AWS and to listed endpoints are signed with (production:
     *                    the default chain)
     * @param allowed     endpoints besides AWS and loopback the worker may be pointed at
     */
    public AwsEndpoints(AwsCredentialsProvider credentials, List<URI> allowed) {
        this.credentials = credentials;
        this.allowed = Set.copyOf(allowed);
    }

    /**
     * The production endpoints: the default credential chain; allowed besides AWS and loopback:
     * {@code given} ({@value #FLAG}) and the endpoints in {@value #ENV} (comma-separated).
     */
    public static AwsEndpoints configured(List<URI> given) {
        List<URI> allowed = new java.util.ArrayList<>(given);
        String env = System.getenv(ENV);
        if (env != null) {
            allowed.addAll(parse(List.of(env.split(",")), ENV));
        }
        return new AwsEndpoints(DefaultCredentialsProvider.builder().build(), allowed);
    }

    /**
     * {@code urls} (blank ones skipped) as endpoints; an IllegalArgumentException naming {@code source}
     * for one that is not an http(s) URL with a host.
     */
    public static List<URI> parse(List<String> urls, String source) {
        List<URI> endpoints = new java.util.ArrayList<>();
        for (String url : urls) {
            if (url.isBlank()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(url.trim());
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                throw new IllegalArgumentException(source + ": '" + url + "' is not an http(s) URL with a host "
                        + "(e.g. https://vpce-0123.kafka.us-east-1.vpce.amazonaws.com)");
            }
            endpoints.add(uri);
        }
        return endpoints;
    }

    /** The clients for {@code endpointUrl} (null: AWS); a non-retryable BadInput for an endpoint not allowed. */
    public AwsClients clients(String endpointUrl) {
        String key = endpointUrl == null ? "" : endpointUrl;
        return clients.computeIfAbsent(key, k -> build(endpointUrl));
    }

    private AwsClients build(String endpointUrl) {
        if (endpointUrl == null) {
            return new AwsClients(credentials, Optional.empty(), heartbeat);
        }
        URI uri;
        try {
            uri = URI.create(endpointUrl);
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure("endpoint '" + endpointUrl + "' is not a URL: give "
                    + "http(s)://host:port", ActivityFailures.BAD_INPUT);
        }
        if (allowed.contains(uri)) {
            return new AwsClients(credentials, Optional.of(uri), heartbeat);
        }
        if (loopback(uri)) {
            return new AwsClients(EMULATOR, Optional.of(uri), heartbeat);
        }
        throw ApplicationFailure.newNonRetryableFailure("this worker sends AWS requests only to AWS, to an emulator on "
                + "loopback (127.0.0.1, localhost, [::1]) or to endpoints its own configuration lists; '" + endpointUrl
                + "' is none of these: start the worker with " + FLAG + " " + endpointUrl + " (or " + ENV + "="
                + endpointUrl + ") to allow it", ActivityFailures.BAD_INPUT);
    }

    static boolean loopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("[::1]"));
    }

    @Override
    public void close() {
        clients.values().forEach(AwsClients::close);
        clients.clear();
    }
}
