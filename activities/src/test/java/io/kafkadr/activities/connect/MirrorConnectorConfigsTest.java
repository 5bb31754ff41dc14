package io.kafkadr.activities.connect;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static io.kafkadr.activities.TestAsserts.assertNotContains;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.secrets.Credentials;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.pair.SecurityConfig;
import io.kafkadr.workflows.pair.TlsConfig;
import io.kafkadr.workflows.pair.TopicSelection;
import io.kafkadr.workflows.replication.MirrorConnector;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.mirror.DefaultConfigPropertyFilter;
import org.junit.jupiter.api.Test;

class MirrorConnectorConfigsTest {

    private static final Direction A_TO_B = new Direction("a", "b");
    private static final String CREDS_VAR = "A_CREDS";
    private static final String PASSWORD = "s3cret-pw";

    private final MirrorConnectorConfigs configs = new MirrorConnectorConfigs(new KafkaClientConfigs(
            new SecretResolver(Map.of(CREDS_VAR, "{\"username\": \"mm2-user\", \"password\": \"" + PASSWORD + "\"}")::get)));

    @Test
    void identityPolicyUsesKafkaDrsPolicy() {
        assertEquals("io.kafkadr.replication.policy.DrIdentityReplicationPolicy",
                build(withPolicy("identity"), MirrorConnector.SOURCE).get("replication.policy.class"));
    }

    @Test
    void prefixPolicyUsesMirrorMakersDefault() {
        assertEquals("org.apache.kafka.connect.mirror.DefaultReplicationPolicy",
                build(withPolicy("prefix"), MirrorConnector.SOURCE).get("replication.policy.class"));
    }

    @Test
    void sourceConnectorCarriesClustersTopicsAndSizes() {
        Map<String, String> c = configs.build(TestPairs.plaintext("http://127.0.0.1:8083"), A_TO_B,
                MirrorConnector.SOURCE, 4, 3);

        assertAll(
                () -> assertEquals("org.apache.kafka.connect.mirror.MirrorSourceConnector", c.get("connector.class")),
                () -> assertEquals("mm2-test-a-to-b-source", c.get("name")),
                () -> assertEquals("4", c.get("tasks.max")),
                () -> assertEquals("a", c.get("source.cluster.alias")),
                () -> assertEquals("b", c.get("target.cluster.alias")),
                () -> assertEquals(TestPairs.PRIMARY_BOOTSTRAP, c.get("source.cluster.bootstrap.servers")),
                () -> assertEquals(TestPairs.SECONDARY_BOOTSTRAP, c.get("target.cluster.bootstrap.servers")),
                () -> assertEquals("PLAINTEXT", c.get("source.cluster.security.protocol")),
                () -> assertEquals("\\Qorders\\E", c.get("topics")),
                () -> assertEquals("10", c.get("refresh.topics.interval.seconds")),
                () -> assertEquals("10", c.get("offset.lag.max")));
        for (String key : new String[] {"replication.factor", "offset-syncs.topic.replication.factor",
                "checkpoints.topic.replication.factor", "heartbeats.topic.replication.factor"}) {
            assertEquals("3", c.get(key), key);
        }
    }

    /** MM2's own filter, configured as the connector is: our key excluded, its default exclusions kept. */
    @Test
    void mm2NeverSyncsMaxMessageBytesAndStillExcludesWhatItExcludesByDefault() {
        Map<String, String> c = build(withPolicy("identity"), MirrorConnector.SOURCE);
        DefaultConfigPropertyFilter filter = new DefaultConfigPropertyFilter();
        filter.configure(Map.of(MirrorConnectorConfigs.CONFIG_PROPERTIES_EXCLUDE,
                c.get(MirrorConnectorConfigs.CONFIG_PROPERTIES_EXCLUDE)));

        assertFalse(filter.shouldReplicateConfigProperty("max.message.bytes"));
        for (String mm2Default : DefaultConfigPropertyFilter.CONFIG_PROPERTIES_EXCLUDE_DEFAULT.split("\\s*,\\s*")) {
            assertFalse(filter.shouldReplicateConfigProperty(mm2Default), mm2Default + " is excluded by MM2's default");
            assertFalse(MirrorConnectorConfigs.synced(mm2Default), mm2Default);
        }
        assertEquals(List.of(DefaultConfigPropertyFilter.CONFIG_PROPERTIES_EXCLUDE_DEFAULT.split("\\s*,\\s*")),
                MirrorConnectorConfigs.MM2_DEFAULT_EXCLUDES, "connect-mirror changed its defaults: copy them");
        for (String synced : List.of("retention.ms", "cleanup.policy", "compression.type", "max.compaction.lag.ms")) {
            assertEquals(true, filter.shouldReplicateConfigProperty(synced), synced);
            assertEquals(true, MirrorConnectorConfigs.synced(synced), synced);
        }
        assertFalse(MirrorConnectorConfigs.synced("max.message.bytes"));
    }

    @Test
    void mm2sProducerSendsWhatTheTargetTopicAcceptsNotOnlyOneMebibyte() {
        Map<String, String> c = build(withPolicy("identity"), MirrorConnector.SOURCE);
        assertEquals(Integer.toString(32 * 1024 * 1024), c.get("producer.override.max.request.size"));
    }

    @Test
    void sourceConnectorGetsKafkaDrsProducerDefaults() {
        Map<String, String> c = build(withPolicy("identity"), MirrorConnector.SOURCE);

        assertEquals(Integer.toString(MirrorConnectorConfigs.PRODUCER_BATCH_SIZE_DEFAULT),
                c.get("producer.override.batch.size"));
        assertEquals(Integer.toString(MirrorConnectorConfigs.PRODUCER_LINGER_MS_DEFAULT),
                c.get("producer.override.linger.ms"));
    }

    @Test
    void pairOverridesTheProducerSettingsAndZeroLingerIsKept() {
        PairConfig pair = TestPairs.pair(plain("a", TestPairs.PRIMARY_BOOTSTRAP), plain("b", TestPairs.SECONDARY_BOOTSTRAP),
                TestPairs.names("orders"), ReplicationSettings.defaults().withProducer(65536, 0));

        Map<String, String> c = build(pair, MirrorConnector.SOURCE);

        assertEquals("65536", c.get("producer.override.batch.size"));
        assertEquals("0", c.get("producer.override.linger.ms"));
    }

    @Test
    void onlyTheSourceConnectorIsTuned() {
        for (MirrorConnector connector : new MirrorConnector[] {MirrorConnector.CHECKPOINT, MirrorConnector.HEARTBEAT}) {
            Map<String, String> c = build(withPolicy("identity"), connector);
            assertFalse(c.keySet().stream().anyMatch(k -> k.startsWith("producer.override.")), connector.name());
        }
    }

    @Test
    void reverseDirectionSwapsTheClusters() {
        Map<String, String> c = configs.build(TestPairs.plaintext("http://127.0.0.1:8083"), new Direction("b", "a"),
                MirrorConnector.HEARTBEAT, 1, 1);

        assertEquals("mm2-test-b-to-a-heartbeat", c.get("name"));
        assertEquals(TestPairs.SECONDARY_BOOTSTRAP, c.get("source.cluster.bootstrap.servers"));
        assertEquals(TestPairs.PRIMARY_BOOTSTRAP, c.get("target.cluster.bootstrap.servers"));
    }

    @Test
    void tasksMaxIsAtLeastOne() {
        assertEquals("1", configs.build(TestPairs.plaintext("http://127.0.0.1:8083"), A_TO_B,
                MirrorConnector.SOURCE, 0, 1).get("tasks.max"));
    }

    @Test
    void checkpointConnectorSyncsGroupOffsetsAtThePairsIntervals() {
        PairConfig pair = TestPairs.pair(plain("a", TestPairs.PRIMARY_BOOTSTRAP), plain("b", TestPairs.SECONDARY_BOOTSTRAP),
                TestPairs.names("orders"), new ReplicationSettings("identity", 7, 9, 11, 0, 0));

        Map<String, String> c = build(pair, MirrorConnector.CHECKPOINT);

        assertAll(
                () -> assertEquals("org.apache.kafka.connect.mirror.MirrorCheckpointConnector", c.get("connector.class")),
                () -> assertEquals("true", c.get("sync.group.offsets.enabled")),
                () -> assertEquals("true", c.get("emit.checkpoints.enabled")),
                () -> assertEquals("7", c.get("emit.checkpoints.interval.seconds")),
                () -> assertEquals("9", c.get("sync.group.offsets.interval.seconds")),
                () -> assertEquals("11", c.get("refresh.groups.interval.seconds")),
                () -> assertEquals("\\Qorders-app\\E,\\Qbilling.v2\\E", c.get("groups")));
    }

    @Test
    void topicRegexIsPassedAsIs() {
        PairConfig pair = TestPairs.pair(plain("a", TestPairs.PRIMARY_BOOTSTRAP), plain("b", TestPairs.SECONDARY_BOOTSTRAP),
                new TopicSelection(null, "orders\\..*"), ReplicationSettings.defaults());

        assertEquals("orders\\..*", build(pair, MirrorConnector.SOURCE).get("topics"));
    }

    @Test
    void topicNamesAreQuotedLiterals() {
        PairConfig pair = TestPairs.pair(plain("a", TestPairs.PRIMARY_BOOTSTRAP), plain("b", TestPairs.SECONDARY_BOOTSTRAP),
                TestPairs.names("orders", "payments.v1"), ReplicationSettings.defaults());

        assertEquals("\\Qorders\\E,\\Qpayments.v1\\E", build(pair, MirrorConnector.SOURCE).get("topics"));
    }

    @Test
    void saslClustersGetConnectProviderReferencesAndNoSecret() {
        PairConfig pair = TestPairs.pair(
                TestPairs.cluster("a", TestPairs.PRIMARY_BOOTSTRAP, "http://127.0.0.1:8084",
                        new SecurityConfig("SASL_SSL", "SCRAM-SHA-512", "env:" + CREDS_VAR, "file:/etc/kafka-dr/a.properties", null,
                                new TlsConfig("/etc/kafka-dr/ca.pem", null, null, null))),
                TestPairs.cluster("b", TestPairs.SECONDARY_BOOTSTRAP, "http://127.0.0.1:8083",
                        new SecurityConfig("SASL_SSL", "SCRAM-SHA-512", "env:" + CREDS_VAR, "env:B_SECRETS", null,
                                new TlsConfig(null, "/etc/kafka-dr/b.p12", "PKCS12", "env:" + CREDS_VAR))),
                TestPairs.names("orders"), ReplicationSettings.defaults());

        for (MirrorConnector connector : MirrorConnector.values()) {
            Map<String, String> c = build(pair, connector);
            c.forEach((k, v) -> assertNotContains(k + "=" + v, PASSWORD));
            assertEquals("SASL_SSL", c.get("source.cluster.security.protocol"));
            assertEquals("SCRAM-SHA-512", c.get("source.cluster.sasl.mechanism"));
            assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"${file:/etc/kafka-dr/a.properties:username}\" "
                    + "password=\"${file:/etc/kafka-dr/a.properties:password}\";", c.get("source.cluster.sasl.jaas.config"));
            assertEquals("PEM", c.get("source.cluster.ssl.truststore.type"));
            assertEquals("/etc/kafka-dr/ca.pem", c.get("source.cluster.ssl.truststore.location"));
            assertFalse(c.containsKey("source.cluster.ssl.truststore.password"));
            assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"${env:B_SECRETS_USERNAME}\" password=\"${env:B_SECRETS_PASSWORD}\";",
                    c.get("target.cluster.sasl.jaas.config"));
            assertEquals("PKCS12", c.get("target.cluster.ssl.truststore.type"));
            assertEquals("/etc/kafka-dr/b.p12", c.get("target.cluster.ssl.truststore.location"));
            assertEquals("${env:B_SECRETS_TRUSTSTORE_PASSWORD}", c.get("target.cluster.ssl.truststore.password"));
        }
        // the provenance transform reads the source with the same references
        assertEquals("${file:/etc/kafka-dr/a.properties:password}", build(pair, MirrorConnector.SOURCE).entrySet().stream()
                .filter(e -> e.getKey().startsWith("transforms.drOrigin.") && e.getKey().endsWith("sasl.jaas.config"))
                .map(e -> e.getValue().replaceAll(".*password=\"([^\"]*)\";", "$1")).findFirst().orElseThrow());
    }

    @Test
    void aPasswordWithoutAConnectReferenceIsABadInputNotAResolvedValue() {
        PairConfig pair = TestPairs.pair(
                TestPairs.cluster("a", TestPairs.PRIMARY_BOOTSTRAP, "http://127.0.0.1:8084",
                        new SecurityConfig("SASL_SSL", "SCRAM-SHA-512", "env:" + CREDS_VAR, null, null, null)),
                plain("b", TestPairs.SECONDARY_BOOTSTRAP), TestPairs.names("orders"), ReplicationSettings.defaults());

        io.temporal.failure.ApplicationFailure failure = org.junit.jupiter.api.Assertions.assertThrows(
                io.temporal.failure.ApplicationFailure.class, () -> build(pair, MirrorConnector.SOURCE));

        org.junit.jupiter.api.Assertions.assertTrue(failure.isNonRetryable());
        assertContains(failure.getOriginalMessage(), "cluster 'a': security.connectSecretRef is missing or malformed");
        assertNotContains(failure.getOriginalMessage(), PASSWORD);
    }

    @Test
    void credentialsNeverPrintThePassword() {
        String text = new Credentials("mm2-user", PASSWORD).toString();

        assertContains(text, "mm2-user");
        assertNotContains(text, PASSWORD);
    }

    private Map<String, String> build(PairConfig pair, MirrorConnector connector) {
        return configs.build(pair, A_TO_B, connector, 2, 1);
    }

    private static PairConfig withPolicy(String policy) {
        return TestPairs.pair(plain("a", TestPairs.PRIMARY_BOOTSTRAP), plain("b", TestPairs.SECONDARY_BOOTSTRAP),
                TestPairs.names("orders"), new ReplicationSettings(policy, 0, 0, 0, 0, 0));
    }

    private static io.kafkadr.workflows.pair.ClusterConfig plain(String alias, String bootstrap) {
        return TestPairs.cluster(alias, bootstrap, "http://127.0.0.1:8083", null);
    }
}
