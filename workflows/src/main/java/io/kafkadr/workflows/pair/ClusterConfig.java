package io.kafkadr.workflows.pair;

/**
 * One Kafka cluster of a pair.
 *
 * @param alias            MM2 cluster alias (also the prefix under the prefix replication policy)
 * @param bootstrapServers comma-separated host:port list
 * @param region           where it runs (informational; AWS region for MSK)
 * @param connectUrl       REST URL of the Kafka Connect group next to this cluster, which
 *                         replicates <em>into</em> it
 * @param security         how clients authenticate; {@code null} means PLAINTEXT
 * @param connectTls       CA to trust for an https {@code connectUrl}; {@code null}: the JVM's trust store
 * @param connectAuth      basic-auth credentials for Connect's REST API; {@code null}: none
 */
public record ClusterConfig(
        String alias,
        String bootstrapServers,
        String region,
        String connectUrl,
        SecurityConfig security,
        ConnectTls connectTls,
        ConnectAuth connectAuth) {

    /** A cluster whose Connect REST API needs no CA of its own and no login. */
    public ClusterConfig(String alias, String bootstrapServers, String region, String connectUrl,
                         SecurityConfig security) {
        this(alias, bootstrapServers, region, connectUrl, security, null, null);
    }

    /** How to call this cluster's Connect REST API. */
    public ConnectEndpoint connect() {
        return new ConnectEndpoint(alias, connectUrl, connectTls == null ? null : connectTls.caFile(),
                connectAuth == null ? null : connectAuth.secretRef());
    }

    public SecurityConfig securityOrPlaintext() {
        return security == null ? SecurityConfig.PLAINTEXT : security;
    }
}
