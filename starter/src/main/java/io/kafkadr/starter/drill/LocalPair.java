package io.kafkadr.starter.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.SecurityConfig;

/**
 * {@code pairs/local.yaml} pointed at the local stack as it runs: each cluster's bootstrap servers
 * and Connect URL from the stack's endpoints ({@code kafka-<alias>}, {@code connect-<alias>-1}),
 * so a stack whose ports {@code KAFKADR_PORTS} moved is drilled without editing the file; on a
 * secure stack ({@code local up --secure}) each cluster's security is the stack's.
 */
final class LocalPair {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalPair() {
    }

    /**
     * @param status the stack's status ({@code drctl local up --json}): its endpoints, and on a secure
     *               stack the cluster security that reaches it, given to every cluster of the pair
     */
    static PairConfig at(PairConfig pair, JsonNode status) {
        JsonNode endpoints = status.path("endpoints");
        SecurityConfig stackSecurity = status.path("security").isObject()
                ? JSON.convertValue(status.path("security"), SecurityConfig.class) : null;
        return new PairConfig(pair.name(), pair.primary(), pair.secondary(), pair.clusters().stream()
                .map(c -> new ClusterConfig(c.alias(), endpoints.path("kafka-" + c.alias()).asText(c.bootstrapServers()),
                        c.region(), endpoints.path("connect-" + c.alias() + "-1").asText(c.connectUrl()),
                        stackSecurity != null ? stackSecurity : c.security(), c.connectTls(), c.connectAuth()))
                .toList(), pair.topics(), pair.consumerGroups(), pair.producers(), pair.replication(), pair.thresholds(),
                pair.failoverRequiresApproval(), pair.failover(), pair.objectives(), pair.drill());
    }
}
