package io.kafkadr.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One size of {@code drctl bench scale}: a throwaway pair of {@code groups} consumer groups on
 * the local stack, every group hosted by the group farm and bound to it with the {@code http}
 * binding; group {@code i} reads topic {@code i mod topics}. Names carry the run's stamp, so
 * runs never meet an earlier run's pair entity, topics or groups.
 */
record ScaleSetup(String pairName, int groups, String groupPrefix, String topicPrefix, int topics, int partitions,
                  int recordsPerTopic, int farmPort, StackEndpoints stack) {

    /** Quiet pair: exact verification, generous timeouts for a thousand groups on two cores. */
    static final int VERIFY_TIMEOUT_SECONDS = 600;
    static final int CLIENT_HEALTH_TIMEOUT_SECONDS = 180;

    static ScaleSetup of(int groups, String stamp, int topics, int partitions, int recordsPerTopic, int farmPort,
                         StackEndpoints stack) {
        String base = "scale-" + groups + "-" + stamp;
        return new ScaleSetup(base, groups, base + "-g", "bench.scale." + stamp + ".n" + groups + ".t", topics,
                partitions, recordsPerTopic, farmPort, stack);
    }

    List<String> topicNames() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < topics; j++) {
            names.add(topicPrefix + j);
        }
        return names;
    }

    String group(int i) {
        return groupPrefix + i;
    }

    /** The pair config, as the YAML file's tree. */
    Map<String, Object> pair() {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("name", pairName);
        pair.put("primary", "primary");
        pair.put("secondary", "secondary");
        pair.put("clusters", List.of(
                cluster("primary", stack.primaryBootstrap(), "local-a", stack.primaryConnect()),
                cluster("secondary", stack.secondaryBootstrap(), "local-b", stack.secondaryConnect())));
        pair.put("topics", Map.of("names", topicNames()));
        List<Map<String, Object>> consumerGroups = new ArrayList<>();
        String farm = "http://127.0.0.1:" + farmPort + "/groups/";
        for (int i = 0; i < groups; i++) {
            consumerGroups.add(Map.of("group", group(i), "binding", Map.of("type", "http", "settings",
                    Map.of("controlUrl", farm + group(i) + "/control", "statusUrl", farm + group(i) + "/status"))));
        }
        pair.put("consumerGroups", consumerGroups);
        pair.put("replication", Map.of("policy", "identity", "checkpointIntervalSeconds", 5,
                "syncGroupOffsetsIntervalSeconds", 5, "refreshIntervalSeconds", 10, "offsetLagMax", 10));
        pair.put("thresholds", Map.of("countToleranceRecords", 0, "maxLagRecords", 0, "heartbeatMaxAgeSeconds", 30,
                "setupTimeoutSeconds", 300, "verifyTimeoutSeconds", VERIFY_TIMEOUT_SECONDS));
        pair.put("failoverRequiresApproval", false);
        pair.put("failover", Map.of("groupEmptyTimeoutSeconds", 60,
                "clientHealthTimeoutSeconds", CLIENT_HEALTH_TIMEOUT_SECONDS, "drainTimeoutSeconds", 120));
        return pair;
    }

    private static Map<String, Object> cluster(String alias, String bootstrap, String region, String connectUrl) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("alias", alias);
        c.put("bootstrapServers", bootstrap);
        c.put("region", region);
        c.put("connectUrl", connectUrl);
        return c;
    }

    /** Arguments of {@code drctl local start group-farm} hosting this setup's groups on the primary. */
    List<String> farmArgs() {
        return List.of("group-farm", "--groups", Integer.toString(groups), "--port", Integer.toString(farmPort),
                "--group-prefix", groupPrefix, "--topic-prefix", topicPrefix, "--topic-count", Integer.toString(topics),
                "--partitions", Integer.toString(partitions), "--seed-records", Integer.toString(recordsPerTopic),
                "--cluster", "primary");
    }
}
