package io.kafkadr.workflows.pair;

/**
 * Client security of a cluster.
 *
 * @param protocol         Kafka {@code security.protocol}: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
 * @param saslMechanism    e.g. SCRAM-SHA-512 (SASL protocols only)
 * @param secretRef        where the credentials live for kafka-dr's worker, resolved inside activities
 *                         only: {@code env:VAR}, {@code file:/path} (JSON {"username","password"}) or
 *                         {@code aws-secretsmanager:<arn>}
 * @param connectSecretRef where the Connect workers read the same secrets through their config
 *                         providers ({@link ConnectSecretRef}), so MM2's connector configs carry a
 *                         reference, never the value; required with a username/password mechanism
 *                         and with a password-protected truststore
 * @param mm2Principal     the principal MM2 writes as on this cluster (the Connect workers', e.g.
 *                         {@code User:mm2}), which the write fence lets write; absent = the one of
 *                         {@code secretRef} (MM2 and kafka-dr share credentials)
 * @param tls              which certificate authority the clients trust (SSL, SASL_SSL); absent =
 *                         the JVM's default trust store
 */
public record SecurityConfig(String protocol, String saslMechanism, String secretRef, String connectSecretRef,
                             String mm2Principal, TlsConfig tls) {

    public static final SecurityConfig PLAINTEXT = new SecurityConfig("PLAINTEXT", null, null, null, null, null);

    public boolean usesSasl() {
        return protocol != null && protocol.startsWith("SASL_");
    }

    public boolean usesTls() {
        return "SSL".equals(protocol) || "SASL_SSL".equals(protocol);
    }

    /** Whether the mechanism authenticates with a username and password from {@link #secretRef}. */
    public boolean usesPassword() {
        return usesSasl() && SaslMechanism.of(saslMechanism).filter(SaslMechanism::needsSecret).isPresent();
    }

    /** Whether the Connect workers need {@link #connectSecretRef}: a password or a truststore password to read. */
    public boolean connectNeedsSecrets() {
        return usesPassword() || (usesTls() && tls != null && tls.hasTruststorePassword());
    }
}
