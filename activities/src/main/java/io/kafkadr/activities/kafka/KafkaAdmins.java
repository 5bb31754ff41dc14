package io.kafkadr.activities.kafka;

import io.kafkadr.workflows.pair.ClusterConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;

/**
 * One admin client per cluster address, shared by the worker's activities and closed with the
 * worker. Creating an admin client per activity would open new connections every few seconds
 * while verifications poll.
 */
public class KafkaAdmins implements AutoCloseable {

    private final KafkaClientConfigs configs;
    private final Map<String, Admin> admins = new ConcurrentHashMap<>();

    public KafkaAdmins(KafkaClientConfigs configs) {
        this.configs = configs;
    }

    public Admin admin(ClusterConfig cluster) {
        String key = cluster.alias() + "@" + cluster.bootstrapServers() + "/" + cluster.securityOrPlaintext();
        return admins.computeIfAbsent(key, k -> Admin.create(configs.forCluster(cluster)));
    }

    public KafkaClientConfigs configs() {
        return configs;
    }

    @Override
    public void close() {
        admins.values().forEach(Admin::close);
        admins.clear();
    }
}
