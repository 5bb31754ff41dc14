package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.FailoverSettings;
import io.kafkadr.workflows.pair.ProducerConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.pair.Thresholds;
import io.kafkadr.workflows.pair.TopicSelection;
import java.util.List;

/**
 * What goes unchanged into the pair config of the provisioned clusters, with the meaning it has
 * there (see pairs/local.yaml); absent settings take the pair config's defaults.
 */
public record PairSettings(TopicSelection topics, List<ConsumerGroupConfig> consumerGroups,
                           List<ProducerConfig> producers, ReplicationSettings replication, Thresholds thresholds,
                           Boolean failoverRequiresApproval, FailoverSettings failover) {
}
