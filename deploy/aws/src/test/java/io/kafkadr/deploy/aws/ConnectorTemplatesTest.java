package io.kafkadr.deploy.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.kafkadr.activities.connect.MirrorConnectorConfigs;
import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.pair.SecurityConfig;
import io.kafkadr.workflows.pair.TopicSelection;
import io.kafkadr.workflows.replication.MirrorConnector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.mirror.MirrorCheckpointConfig;
import org.apache.kafka.connect.mirror.MirrorHeartbeatConfig;
import org.apache.kafka.connect.mirror.MirrorSourceConfig;
import org.junit.jupiter.api.Test;

/**
 * deploy/aws/connectors: the MM2 connector configs an operator posts by hand are exactly what
 * kafka-dr itself deploys for the same pair ({@link MirrorConnectorConfigs}, every key and value:
 * they cannot drift), MM2's own config classes accept them, and they hold {@code ${env:...}}
 * references of the Connect tasks' {@code secrets}, never a credential.
 */
class ConnectorTemplatesTest {

    static final String PRIMARY = "b-1.orders-primary.abc123.c2.kafka.us-east-1.amazonaws.com:9096,"
            + "b-2.orders-primary.abc123.c2.kafka.us-east-1.amazonaws.com:9096";
    static final String SECONDARY = "b-1.orders-secondary.def456.c3.kafka.us-west-2.amazonaws.com:9096";
    /** The pair the templates describe: SCRAM over TLS, the Connect tasks' secrets as env:KAFKADR_SCRAM. */
    static final PairConfig PAIR = pair();

    /** The connector templates and what fills them for {@link #PAIR}, replicating primary -> secondary. */
    static final Map<String, String> VALUES = Map.of("PAIR", "orders", "SOURCE_ALIAS", "primary",
            "TARGET_ALIAS", "secondary", "SOURCE_BOOTSTRAP_SERVERS", PRIMARY, "TARGET_BOOTSTRAP_SERVERS", SECONDARY,
            "TOPICS", "orders|payments\\\\..*", "GROUPS", "\\\\Qorders-app\\\\E,\\\\Qbilling\\\\E", "TASKS_MAX", "6");

    private final MirrorConnectorConfigs kafkaDr = new MirrorConnectorConfigs(new KafkaClientConfigs(new SecretResolver(
            name -> { throw new AssertionError("a connector config resolved the secret " + name); })));

    @Test
    void sourceTemplateIsWhatKafkaDrDeploysAndMirrorSourceConfigAccepts() throws Exception {
        check("connectors/mirror-source.json", MirrorConnector.SOURCE, MirrorSourceConfig::new);
    }

    @Test
    void checkpointTemplateIsWhatKafkaDrDeploysAndMirrorCheckpointConfigAccepts() throws Exception {
        check("connectors/mirror-checkpoint.json", MirrorConnector.CHECKPOINT, MirrorCheckpointConfig::new);
    }

    @Test
    void heartbeatTemplateIsWhatKafkaDrDeploysAndMirrorHeartbeatConfigAccepts() throws Exception {
        check("connectors/mirror-heartbeat.json", MirrorConnector.HEARTBEAT, MirrorHeartbeatConfig::new);
    }

    private void check(String template, MirrorConnector connector, Function<Map<String, String>, AbstractConfig> mm2)
            throws Exception {
        Map<String, String> posted = DeployAws.JSON.readValue(DeployAws.fill(template, VALUES),
                new TypeReference<LinkedHashMap<String, String>>() { });
        Map<String, String> deployed = kafkaDr.build(PAIR, new Direction("primary", "secondary"), connector, 6, 3);

        assertEquals(new TreeMap<>(deployed), new TreeMap<>(posted),
                template + " differs from what kafka-dr deploys for the same pair (MirrorConnectorConfigs): update it");
        mm2.apply(posted); // MM2's own ConfigDef: types, required keys, class names (DrIdentityReplicationPolicy loads)
        posted.forEach((key, value) -> assertFalse(key.contains("jaas") && !value.contains("${env:KAFKADR_SCRAM_PASSWORD}"),
                key + " holds no ${env:...} reference: " + value));
        assertTrue(posted.values().stream().anyMatch(v -> v.contains("password=\"${env:KAFKADR_SCRAM_PASSWORD}\"")),
                template + " reads no password from the Connect tasks' secrets");
    }

    private static PairConfig pair() {
        SecurityConfig scram = new SecurityConfig("SASL_SSL", "SCRAM-SHA-512",
                "aws-secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_orders-AbCdEf",
                "env:KAFKADR_SCRAM", null, null);
        ClusterConfig primary = new ClusterConfig("primary", PRIMARY, "us-east-1", "http://10.0.1.10:8083", scram);
        ClusterConfig secondary = new ClusterConfig("secondary", SECONDARY, "us-west-2", "http://10.1.1.10:8083", scram);
        List<ConsumerGroupConfig> groups = List.of(new ConsumerGroupConfig("orders-app", new ClientBinding("process", null)),
                new ConsumerGroupConfig("billing", new ClientBinding("process", null)));
        return new PairConfig("orders", "primary", "secondary", List.of(primary, secondary),
                new TopicSelection(null, "orders|payments\\..*"), groups, List.of(), ReplicationSettings.defaults(), null,
                false, null);
    }
}
