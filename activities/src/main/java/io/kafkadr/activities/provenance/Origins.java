package io.kafkadr.activities.provenance;

import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaFailures;
import io.kafkadr.replication.provenance.Origin;
import io.kafkadr.workflows.pair.ClusterConfig;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reading origins ({@code dr.src.*} headers) off Kafka records, and topic ids off a cluster. */
public final class Origins {

    private Origins() {
    }

    public static Optional<Origin> of(ConsumerRecord<byte[], byte[]> record) {
        return Origin.from(key -> {
            Header h = record.headers().lastHeader(key);
            return h == null ? null : h.value();
        });
    }

    /** The current id of {@code topic} on {@code cluster}, in the form the transform stamps. */
    public static String topicId(KafkaAdmins admins, ClusterConfig cluster, String topic) {
        return KafkaFailures.await(admins.admin(cluster).describeTopics(List.of(topic)).allTopicNames(), cluster,
                "describing " + topic).get(topic).topicId().toString();
    }
}
