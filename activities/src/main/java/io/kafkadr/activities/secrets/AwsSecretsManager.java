package io.kafkadr.activities.secrets;

import io.kafkadr.workflows.common.ActivityFailures;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads secret strings from AWS Secrets Manager with aws-sdk-java-v2: the region is the ARN's,
 * credentials come from the default chain (environment, profile, container or instance role),
 * the endpoint is AWS's unless overridden (tests: moto; or the SDK's own
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}). One client per region, kept for the worker's life.
 */
public final class AwsSecretsManager implements AutoCloseable {

    private final AwsCredentialsProvider credentials;
    private final Optional<URI> endpoint;
    private final Map<String, SecretsManagerClient> clients = new ConcurrentHashMap<>();

    /** The production source: default credential chain, AWS's endpoints. */
    public AwsSecretsManager() {
        this(DefaultCredentialsProvider.builder().build(), Optional.empty());
    }

    public AwsSecretsManager(AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    /**
     * The secret string of {@code arn} ({@code arn:aws:secretsmanager:<region>:<account>:secret:<name>}).
     * A missing secret, a denied read or a secret without a string are non-retryable failures
     * naming the ARN; a throttled or unreachable service is retried.
     */
    public String secretString(String arn) {
        String region = region(arn);
        try {
            String value = client(region).getSecretValue(b -> b.secretId(arn)).secretString();
            if (value == null) {
                throw ApplicationFailure.newNonRetryableFailure("secret " + arn + " holds binary data: store the "
                        + "credentials as a secret string {\"username\": ..., \"password\": ...}",
                        ActivityFailures.BAD_INPUT);
            }
            return value;
        } catch (ResourceNotFoundException e) {
            throw ApplicationFailure.newNonRetryableFailure("secret " + arn + " does not exist in Secrets Manager of "
                    + region + ": check the pair's secretRef", ActivityFailures.BAD_INPUT);
        } catch (DecryptionFailureException e) {
            throw ApplicationFailure.newNonRetryableFailure("secret " + arn + " cannot be decrypted with the worker's "
                    + "credentials: grant them kms:Decrypt on the secret's KMS key", ActivityFailures.BAD_INPUT);
        } catch (SecretsManagerException e) {
            int status = e.statusCode();
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (status == 400 || status == 403) {
                if (!"ThrottlingException".equals(code)) {
                    throw ApplicationFailure.newNonRetryableFailure("reading secret " + arn + " was refused (" + code
                            + ", HTTP " + status + "): grant the worker's AWS principal "
                            + "secretsmanager:GetSecretValue on it", ActivityFailures.BAD_INPUT);
                }
            }
            throw ApplicationFailure.newFailure("reading secret " + arn + " failed (" + code + ", HTTP " + status
                    + "); retried", ActivityFailures.NOT_READY);
        } catch (SdkClientException e) {
            throw ApplicationFailure.newFailure("Secrets Manager of " + region + " did not answer for " + arn + " ("
                    + e.getMessage() + "); retried", ActivityFailures.NOT_READY);
        } catch (SdkException e) {
            throw ApplicationFailure.newFailure("reading secret " + arn + " failed: " + e.getMessage() + "; retried",
                    ActivityFailures.NOT_READY);
        }
    }

    /** The region of a Secrets Manager ARN. */
    static String region(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length < 7 || !"arn".equals(parts[0]) || !"secretsmanager".equals(parts[2]) || parts[3].isBlank()
                || !"secret".equals(parts[5])) {
            throw ApplicationFailure.newNonRetryableFailure("'" + arn + "' is not a Secrets Manager secret ARN: expected "
                    + "arn:aws:secretsmanager:<region>:<account>:secret:<name>", ActivityFailures.BAD_INPUT);
        }
        return parts[3];
    }

    private SecretsManagerClient client(String region) {
        return clients.computeIfAbsent(region, r -> {
            var builder = SecretsManagerClient.builder().region(Region.of(r)).credentialsProvider(credentials)
                    .httpClient(UrlConnectionHttpClient.create());
            endpoint.ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    @Override
    public void close() {
        clients.values().forEach(SecretsManagerClient::close);
        clients.clear();
    }
}
