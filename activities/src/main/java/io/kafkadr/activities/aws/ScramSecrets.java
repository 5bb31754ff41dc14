package io.kafkadr.activities.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ConnectSecretRef;
import io.kafkadr.workflows.provision.ProvisionNames;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The SCRAM credentials of one MSK cluster, in Secrets Manager under the pair's KMS key, named
 * {@code AmazonMSK_<pair>-<alias>} (MSK associates no other name). The password is generated here
 * and goes to Secrets Manager only: it is never returned, logged or put in a workflow history; the
 * worker and the Connect tasks read it from the secret.
 */
public final class ScramSecrets {

    /** The SCRAM user of kafka-dr's worker and of MM2 on the provisioned clusters. */
    public static final String USERNAME = "kafka-dr";
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretsManagerClient secrets;
    private final String region;
    private final ProvisionNames names;
    private final Map<String, String> extraTags;

    public ScramSecrets(SecretsManagerClient secrets, String region, ProvisionNames names, Map<String, String> extraTags) {
        this.secrets = secrets;
        this.region = region;
        this.names = names;
        this.extraTags = extraTags;
    }

    public Optional<DescribeSecretResponse> find(String name) {
        try {
            DescribeSecretResponse secret = secrets.describeSecret(r -> r.secretId(name));
            if (secret.deletedDate() != null) {
                throw ApplicationFailure.newNonRetryableFailure("secret " + name + " in " + region + " is scheduled for "
                        + "deletion: restore it (aws secretsmanager restore-secret) or delete it for good "
                        + "(delete-secret --force-delete-without-recovery), then run again", ActivityFailures.BAD_INPUT);
            }
            return Optional.of(secret);
        } catch (SdkException e) {
            if (AwsFailures.notFound(e)) {
                return Optional.empty();
            }
            throw AwsFailures.of("describing secret " + name + " in " + region, e);
        }
    }

    /** Creates the secret with a fresh password; the client request token makes a retried call create it once. */
    public String create(String name, String keyArn) {
        String value;
        try {
            value = new ObjectMapper().writeValueAsString(Map.of(ConnectSecretRef.USERNAME, USERNAME,
                    ConnectSecretRef.PASSWORD, password()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the SCRAM secret", e);
        }
        String token = UUID.nameUUIDFromBytes((name + "|" + keyArn).getBytes(StandardCharsets.UTF_8)).toString();
        return AwsFailures.call("creating secret " + name + " in " + region, () -> secrets.createSecret(r -> r.name(name)
                .description("kafka-dr " + names.pair() + ": SCRAM credentials of the MSK cluster (generated)")
                .kmsKeyId(keyArn).secretString(value).clientRequestToken(token)
                .tags(names.tags(extraTags, name).entrySet().stream().map(e -> Tag.builder().key(e.getKey())
                        .value(e.getValue()).build()).toList())).arn());
    }

    public boolean owned(DescribeSecretResponse secret) {
        return names.owns(secret.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value,
                (a, b) -> a)));
    }

    /** Deletes at once, without Secrets Manager's recovery window: the password was generated and its cluster is gone. */
    public void delete(String arn) {
        try {
            secrets.deleteSecret(r -> r.secretId(arn).forceDeleteWithoutRecovery(true));
        } catch (SdkException e) {
            if (!AwsFailures.notFound(e)) {
                throw AwsFailures.of("deleting secret " + arn, e);
            }
        }
    }

    private static String password() {
        char[] p = new char[32];
        for (int i = 0; i < p.length; i++) {
            p[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(p);
    }
}
