package io.kafkadr.activities.kafka;

import io.kafkadr.activities.secrets.Credentials;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.SaslMechanism;
import io.kafkadr.workflows.pair.SecurityConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Client properties (bootstrap, security, bounded timeouts) for one cluster of a pair. */
public class KafkaClientConfigs {

    /** Bounded so that an unreachable cluster is reported, not waited on forever. */
    static final int API_TIMEOUT_MS = 15_000;
    static final int REQUEST_TIMEOUT_MS = 10_000;

    private final SecretResolver secrets;

    public KafkaClientConfigs(SecretResolver secrets) {
        this.secrets = secrets;
    }

    public Map<String, Object> forCluster(ClusterConfig cluster) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "kafka-dr-" + cluster.alias());
        props.putAll(security(cluster.securityOrPlaintext()));
        return props;
    }

    /** A consumer that only reads (raw bytes, assigned partitions, never commits), in large batches for scans. */
    public KafkaConsumer<byte[], byte[]> reader(ClusterConfig cluster) {
        Map<String, Object> props = forCluster(cluster);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A {@link #reader} that, sent to an offset no longer in the log (deleted meanwhile), goes on
     * from the log start rather than the end: for reads that go on where an earlier one stopped.
     */
    public KafkaConsumer<byte[], byte[]> readerFromEarliest(ClusterConfig cluster) {
        Map<String, Object> props = forCluster(cluster);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A reader that sees what {@code read_committed} consumers see: no aborted or still-open
     * transaction, no commit markers. What MM2 copies and what salvage keeps.
     */
    public KafkaConsumer<byte[], byte[]> committedReader(ClusterConfig cluster) {
        Map<String, Object> props = forCluster(cluster);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * MSK IAM (aws-msk-iam-auth, on the worker's and on Connect's classpath): signs with the
     * default AWS credential chain of the JVM that connects; no secret.
     */
    static final Map<String, String> MSK_IAM = Map.of(
            SaslConfigs.SASL_JAAS_CONFIG, "software.amazon.msk.auth.iam.IAMLoginModule required;",
            SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, "software.amazon.msk.auth.iam.IAMClientCallbackHandler");

    /** Security settings only, e.g. to prefix them with {@code source.cluster.} for MM2. */
    public Map<String, String> security(SecurityConfig security) {
        Map<String, String> props = new HashMap<>();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, security.protocol());
        if (security.usesSasl()) {
            props.put(SaslConfigs.SASL_MECHANISM, security.saslMechanism());
            if (SaslMechanism.AWS_MSK_IAM.kafkaName().equals(security.saslMechanism())) {
                props.putAll(MSK_IAM);
                return props;
            }
            Credentials c = secrets.resolve(security.secretRef());
            props.put(SaslConfigs.SASL_JAAS_CONFIG, loginModule(security.saslMechanism())
                    + " required username=\"" + jaasQuoted(c.username()) + "\" password=\"" + jaasQuoted(c.password()) + "\";");
        }
        return props;
    }

    /**
     * The Kafka principal the pair's credentials authenticate as ({@code User:<username>} for
     * username/password mechanisms); empty where kafka-dr cannot tell (PLAINTEXT, TLS client
     * certificates, MSK IAM, whose access control is IAM's, not ACLs).
     */
    public Optional<String> principal(SecurityConfig security) {
        if (!security.usesSasl() || SaslMechanism.of(security.saslMechanism()).filter(SaslMechanism::needsSecret).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("User:" + secrets.resolve(security.secretRef()).username());
    }

    /** JAAS values are double-quoted: a quote or backslash in a password must not end the value. */
    static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String loginModule(String mechanism) {
        return mechanism.startsWith("SCRAM")
                ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
    }
}
