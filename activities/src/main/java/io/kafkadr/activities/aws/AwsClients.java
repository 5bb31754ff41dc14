package io.kafkadr.activities.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The worker's AWS clients (aws-sdk-java-v2), one per service and region, kept for the worker's
 * life: credentials from the default chain (or given), AWS's endpoints unless an endpoint
 * override is given (tests: moto's server; the SDK's own {@code AWS_ENDPOINT_URL} also works).
 * The only place that builds an AWS client: every adapter asks it.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsCredentialsProvider credentials;
    private final Optional<URI> endpoint;
    private final Runnable beforeEachRequest;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    /** The production clients: default credential chain, AWS's endpoints. */
    public AwsClients() {
        this(DefaultCredentialsProvider.builder().build(), Optional.empty());
    }

    public AwsClients(AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        this(credentials, endpoint, () -> { });
    }

    /**
     * @param beforeEachRequest runs before every request (each attempt) any of these clients sends:
     *                          provisioning's heartbeat ({@link RequestHeartbeat})
     */
    public AwsClients(AwsCredentialsProvider credentials, Optional<URI> endpoint, Runnable beforeEachRequest) {
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.beforeEachRequest = beforeEachRequest;
    }

    /** What runs before each request: for the one adapter that sends its requests itself ({@link MskApi}). */
    public void beforeRequest() {
        beforeEachRequest.run();
    }

    /**
     * The credentials the clients sign with: for the one adapter without a generated client
     * (Amazon MSK's REST API: Maven Central here serves no {@code software.amazon.awssdk:kafka}),
     * which signs its requests with the SDK's own SigV4 signer.
     */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** The endpoint override, when one is set (every service answers on it). */
    public Optional<URI> endpoint() {
        return endpoint;
    }

    public Ec2Client ec2(String region) {
        return client("ec2", region, Ec2Client.class, r -> build(Ec2Client.builder(), r));
    }

    public KmsClient kms(String region) {
        return client("kms", region, KmsClient.class, r -> build(KmsClient.builder(), r));
    }

    public SecretsManagerClient secretsManager(String region) {
        return client("secretsmanager", region, SecretsManagerClient.class, r -> build(SecretsManagerClient.builder(), r));
    }

    public EcsClient ecs(String region) {
        return client("ecs", region, EcsClient.class, r -> build(EcsClient.builder(), r));
    }

    private <C extends SdkClient> C client(String service, String region, Class<C> type, Function<Region, C> factory) {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("no AWS region given for " + service + ": set the region in the config");
        }
        return type.cast(clients.computeIfAbsent(service + "/" + region, k -> factory.apply(Region.of(region))));
    }

    private <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C>
            C build(B builder, Region region) {
        builder.region(region).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        beforeEachRequest.run();
                    }
                }));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
    }
}
