package io.kafkadr.workflows.pair;

/**
 * Client security of a cluster.
 *
 * @param protocol      Kafka {@code security.protocol}: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
 * @param saslMechanism e.g. SCRAM-SHA-512 (SASL protocols only)
 * @param secretRef     where the credentials live, resolved inside activities only:
 *                      {@code env:VAR}, {@code file:/path} (JSON {"username","password"}) or
 *                      {@code aws-secretsmanager:<arn>}
 */
public record SecurityConfig(String protocol, String saslMechanism, String secretRef) {

    public static final SecurityConfig PLAINTEXT = new SecurityConfig("PLAINTEXT", null, null);

    public boolean usesSasl() {
        return protocol != null && protocol.startsWith("SASL_");
    }
}
