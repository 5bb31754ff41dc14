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
 */
public record ClusterConfig(
        String alias,
        String bootstrapServers,
        String region,
        String connectUrl,
        SecurityConfig security) {

    public SecurityConfig securityOrPlaintext() {
        return security == null ? SecurityConfig.PLAINTEXT : security;
    }
}
