package io.kafkadr.activities.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.SecurityConfig;
import io.kafkadr.workflows.pair.TlsConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigsTest {

    @Test
    void quotesAndBackslashesInCredentialsCannotEndTheJaasValue() {
        SecretResolver secrets = new SecretResolver(name -> "{\"username\":\"svc\",\"password\":\"p\\\"a\\\\ss\"}");
        Map<String, String> props = new KafkaClientConfigs(secrets)
                .security(new SecurityConfig("SASL_SSL", "SCRAM-SHA-512", "env:CREDS", null, null, null));

        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"svc\" password=\"p\\\"a\\\\ss\";", props.get("sasl.jaas.config"));
    }

    @Test
    void plaintextClustersGetBoundedTimeoutsAndNoSaslSettings() {
        Map<String, Object> props = new KafkaClientConfigs(new SecretResolver(name -> null))
                .forCluster(new ClusterConfig("primary", "127.0.0.1:19092", null, "http://c:8083", null));

        assertEquals("PLAINTEXT", props.get("security.protocol"));
        assertEquals(KafkaClientConfigs.API_TIMEOUT_MS, props.get("default.api.timeout.ms"));
        assertFalse(props.containsKey("sasl.jaas.config"));
    }

    @Test
    void mskIamSignsWithTheAwsCredentialChainAndResolvesNoSecret() throws Exception {
        SecretResolver noSecrets = new SecretResolver(name -> {
            throw new AssertionError("IAM reads no secret");
        });
        Map<String, String> props = new KafkaClientConfigs(noSecrets)
                .security(new SecurityConfig("SASL_SSL", "AWS_MSK_IAM", null, null, null, null));

        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "AWS_MSK_IAM",
                "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler"), props);
        // the classes the settings name are on the worker's classpath (aws-msk-iam-auth)
        Class.forName(props.get("sasl.client.callback.handler.class"));
        Class.forName("software.amazon.msk.auth.iam.IAMLoginModule");
    }

    @Test
    void anMskIamClientReachesTheSaslHandshakeWithTheSettings() {
        // Kafka's own client accepts the settings: it builds its SASL channel with IAM's login module
        Map<String, Object> props = new KafkaClientConfigs(new SecretResolver(name -> null)).forCluster(
                new ClusterConfig("msk", "127.0.0.1:1", "eu-west-1", "http://c:8083",
                        new SecurityConfig("SASL_SSL", "AWS_MSK_IAM", null, null, null, null)));
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            assertEquals("AWS_MSK_IAM", props.get("sasl.mechanism"));
        }
    }

    @Test
    void aPrivateCaIsTrustedFromAPemFileOrATruststoreWhosePasswordIsResolvedHere() {
        SecretResolver secrets = new SecretResolver(Map.of("TS", "{\"password\":\"ts-pw\"}")::get);
        Map<String, String> pem = new KafkaClientConfigs(secrets).security(new SecurityConfig("SSL", null, null, null, null,
                new TlsConfig("/etc/ca.pem", null, null, null)));
        assertEquals(Map.of("security.protocol", "SSL", "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/ca.pem"), pem);

        Map<String, String> store = new KafkaClientConfigs(secrets).security(new SecurityConfig("SSL", null, null,
                "env:CONNECT", null, new TlsConfig(null, "/etc/ts.jks", "JKS", "env:TS")));
        assertEquals(Map.of("security.protocol", "SSL", "ssl.truststore.type", "JKS",
                "ssl.truststore.location", "/etc/ts.jks", "ssl.truststore.password", "ts-pw"), store);
    }
}
