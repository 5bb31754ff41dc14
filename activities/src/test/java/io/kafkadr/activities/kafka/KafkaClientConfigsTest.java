package io.kafkadr.activities.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.SecurityConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigsTest {

    @Test
    void quotesAndBackslashesInCredentialsCannotEndTheJaasValue() {
        SecretResolver secrets = new SecretResolver(name -> "{\"username\":\"svc\",\"password\":\"p\\\"a\\\\ss\"}");
        Map<String, String> props = new KafkaClientConfigs(secrets)
                .security(new SecurityConfig("SASL_SSL", "SCRAM-SHA-512", "env:CREDS"));

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
}
