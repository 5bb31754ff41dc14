package io.kafkadr.workflows.cluster;

import java.util.Map;

/**
 * A topic as one cluster sees it.
 *
 * @param exists         false when the topic is missing on that cluster
 * @param explicitConfigs configs set on the topic itself (not broker or static defaults)
 */
public record TopicInfo(String name, boolean exists, int partitions, Map<String, String> explicitConfigs) {

    public static TopicInfo missing(String name) {
        return new TopicInfo(name, false, 0, Map.of());
    }
}
