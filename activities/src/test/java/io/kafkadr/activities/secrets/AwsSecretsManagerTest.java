package io.kafkadr.activities.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.activities.aws.MotoServer;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** {@code aws-secretsmanager:} references against moto's Secrets Manager, with the real aws-sdk-java-v2. */
class AwsSecretsManagerTest {

    private static final StaticCredentialsProvider KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("testing", "testing"));
    private static MotoServer moto;
    private static String arn;

    @BeforeAll
    static void start() throws Exception {
        moto = new MotoServer();
        try (SecretsManagerClient admin = SecretsManagerClient.builder().region(Region.EU_WEST_1)
                .credentialsProvider(KEYS).endpointOverride(moto.endpoint())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            arn = admin.createSecret(b -> b.name("AmazonMSK_orders")
                    .secretString("{\"username\":\"orchestrator\",\"password\":\"s3cr\\\"et\"}")).arn();
        }
    }

    @AfterAll
    static void stop() {
        moto.close();
    }

    private static AwsSecretsManager secrets(URI endpoint) {
        return new AwsSecretsManager(KEYS, Optional.of(endpoint));
    }

    @Test
    void aReferenceResolvesToTheSecretsCredentialsAndIsReadOncePerTtl() {
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        try (AwsSecretsManager aws = secrets(moto.endpoint())) {
            SecretResolver resolver = new SecretResolver(name -> null, a -> {
                reads.incrementAndGet();
                return aws.secretString(a);
            }, now::get);
            Credentials c = resolver.resolve("aws-secretsmanager:" + arn);
            assertEquals("orchestrator", c.username());
            assertEquals("s3cr\"et", c.password());
            resolver.resolve("aws-secretsmanager:" + arn);
            assertEquals(1, reads.get(), "served from the cache within the TTL");
            now.addAndGet(SecretResolver.AWS_TTL.toNanos());
            resolver.resolve("aws-secretsmanager:" + arn);
            assertEquals(2, reads.get(), "read again after the TTL: a rotated password is picked up");
        }
    }

    @Test
    void aMissingSecretIsANonRetryableFailureNamingTheArn() {
        String missing = arn.replace("AmazonMSK_orders", "AmazonMSK_absent");
        try (AwsSecretsManager aws = secrets(moto.endpoint())) {
            ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> aws.secretString(missing));
            assertTrue(e.isNonRetryable());
            assertTrue(e.getOriginalMessage().contains(missing + " does not exist in Secrets Manager of eu-west-1"),
                    e.getOriginalMessage());
        }
    }

    @Test
    void aMalformedArnIsRefusedBeforeAnyCall() {
        try (AwsSecretsManager aws = secrets(moto.endpoint())) {
            ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> aws.secretString("arn:aws:s3:::bucket"));
            assertTrue(e.isNonRetryable());
            assertTrue(e.getOriginalMessage().contains("arn:aws:secretsmanager:<region>:<account>:secret:<name>"));
        }
    }

    @Test
    void anUnreachableServiceIsRetried() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (AwsSecretsManager aws = secrets(URI.create("http://127.0.0.1:" + closedPort))) {
            ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> aws.secretString(arn));
            assertFalse(e.isNonRetryable(), e.getOriginalMessage());
            assertFalse(e.getOriginalMessage().contains("s3cr"), "no secret in messages");
        }
    }
}
