package io.kafkadr.starter.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;

/**
 * {@code pairs/local.yaml} pointed at the local stack as it runs: each cluster's bootstrap servers
 * and Connect URL from the stack's endpoints ({@code kafka-<alias>}, {@code connect-<alias>-1}),
 * so a stack whose ports {@code KAFKADR_PORTS} moved is drilled without editing the file.
 */
final class LocalPair {

    private LocalPair() {
    }

    static PairConfig at(PairConfig pair, JsonNode endpoints) {
        return new PairConfig(pair.name(), pair.primary(), pair.secondary(), pair.clusters().stream()
                .map(c -> new ClusterConfig(c.alias(), endpoints.path("kafka-" + c.alias()).asText(c.bootstrapServers()),
                        c.region(), endpoints.path("connect-" + c.alias() + "-1").asText(c.connectUrl()), c.security(),
                        c.connectTls(), c.connectAuth()))
                .toList(), pair.topics(), pair.consumerGroups(), pair.producers(), pair.replication(), pair.thresholds(),
                pair.failoverRequiresApproval(), pair.failover(), pair.objectives(), pair.drill());
    }
}
