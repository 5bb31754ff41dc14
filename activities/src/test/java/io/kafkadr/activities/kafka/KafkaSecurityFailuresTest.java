package io.kafkadr.activities.kafka;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.SecurityConfig;
import io.kafkadr.workflows.pair.TlsConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** Security faults are the operator's to fix: non-retryable, naming the cluster, who connected and what failed. */
class KafkaSecurityFailuresTest {

    private static final ClusterConfig SCRAM = new ClusterConfig("primary", "b-1:9096", "eu-west-1", "http://c:8083",
            new SecurityConfig("SASL_SSL", "SCRAM-SHA-512", "file:/etc/kafka-dr/primary.json", "file:/etc/mm2.properties",
                    null, new TlsConfig("/etc/ca.pem", null, null, null)));

    @Test
    void eachFaultSaysWhatFailedAndWhatToDo() {
        assertFault(new SaslAuthenticationException("Authentication failed during authentication due to invalid "
                + "credentials with SASL mechanism SCRAM-SHA-512"), "authentication failed, wrong password or unknown user");
        assertFault(new SslAuthenticationException("SSL handshake failed"),
                "TLS handshake failed, the broker's certificate is not trusted or does not name the host: give "
                        + "security.tls.caFile");
        assertFault(new TopicAuthorizationException(Set.of("orders", "payments")),
                "no ACL allows it on topics [orders, payments]");
        assertFault(new TopicAuthorizationException("Topic authorization failed."),
                "no ACL allows it on the topics involved (Kafka does not name them here): grant that principal");
        assertFault(new GroupAuthorizationException("nope", "orders-app"), "no ACL allows it on group 'orders-app'");
        assertFault(new ClusterAuthorizationException("Cluster authorization failed."),
                "no ACL allows it on the cluster resource");
    }

    private static void assertFault(Exception cause, String fault) {
        ApplicationFailure f = KafkaFailures.translate(cause, SCRAM, "listing topics");

        assertTrue(f.isNonRetryable(), f.toString());
        assertEquals(ActivityFailures.BAD_INPUT, f.getType());
        assertContains(f.getOriginalMessage(), "cluster 'primary' (b-1:9096) refused listing topics by the SCRAM-SHA-512 "
                + "user of secretRef 'file:/etc/kafka-dr/primary.json': " + fault);
    }

    @Test
    void mskIamAndPlaintextNameWhoConnected() {
        assertEquals("the worker's AWS identity (AWS_MSK_IAM)",
                KafkaFailures.principal(new SecurityConfig("SASL_SSL", "AWS_MSK_IAM", null, null, null, null)));
        assertEquals("an unauthenticated PLAINTEXT client (User:ANONYMOUS)", KafkaFailures.principal(SecurityConfig.PLAINTEXT));
    }
}
