package io.kafkadr.replication.provenance;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Connect transform for MirrorSourceConnector: stamps every copied record with its
 * {@link Origin} (source cluster, topic, topic id, partition, offset), taken from the record's
 * source partition {@code {cluster, topic, partition}} and source offset {@code {offset}} as MM2
 * sets them. Headers of an earlier hop are replaced, so a record copied back carries the origin
 * of its last copy. Records that are not MM2 copies pass unchanged.
 *
 * <p>Settings: every setting prefixed {@value #SOURCE_PREFIX} is a client setting for the
 * source cluster (bootstrap servers, security), used to read topic ids. A lookup that fails for a
 * transient reason is retried and never fails the task ({@link RetryingTopicIds}).
 *
 * <p>The headers make every copy larger, by at most {@link Origin#maxHeaderBytes}: the target
 * topic's {@code max.message.bytes} must leave that much room above the source's (kafka-dr sets
 * it, and keeps MM2 from syncing that key).
 */
public class OriginHeaders<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String SOURCE_PREFIX = "source.";
    public static final ConfigDef CONFIG_DEF = new ConfigDef();

    private TopicIds topicIds;
    private AutoCloseable closeable;

    public OriginHeaders() {
    }

    /** For tests: topic ids from {@code topicIds} instead of the source cluster. */
    OriginHeaders(TopicIds topicIds) {
        this.topicIds = topicIds;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        if (topicIds != null) {
            return;
        }
        Map<String, Object> admin = new HashMap<>();
        configs.forEach((k, v) -> {
            if (k.startsWith(SOURCE_PREFIX)) {
                admin.put(k.substring(SOURCE_PREFIX.length()), v);
            }
        });
        if (!admin.containsKey("bootstrap.servers")) {
            throw new org.apache.kafka.common.config.ConfigException("kafka-dr provenance transform: "
                    + SOURCE_PREFIX + "bootstrap.servers is required (the source cluster, to read topic ids)");
        }
        AdminTopicIds ids = new AdminTopicIds(admin);
        this.topicIds = new RetryingTopicIds(ids);
        this.closeable = ids;
    }

    @Override
    public R apply(R record) {
        if (!(record instanceof SourceRecord source) || source.sourcePartition() == null || source.sourceOffset() == null) {
            return record;
        }
        Object cluster = source.sourcePartition().get("cluster");
        Object topic = source.sourcePartition().get("topic");
        Object partition = source.sourcePartition().get("partition");
        Object offset = source.sourceOffset().get("offset");
        if (cluster == null || topic == null || partition == null || offset == null) {
            return record;
        }
        Headers headers = record.headers();
        headers.remove(Origin.CLUSTER).remove(Origin.TOPIC).remove(Origin.TOPIC_ID).remove(Origin.PARTITION)
                .remove(Origin.OFFSET);
        headers.addBytes(Origin.CLUSTER, Origin.bytes(cluster.toString()));
        headers.addBytes(Origin.TOPIC, Origin.bytes(topic.toString()));
        headers.addBytes(Origin.TOPIC_ID, Origin.bytes(topicIds.idOf(topic.toString())));
        headers.addBytes(Origin.PARTITION, Origin.bytes(partition.toString()));
        headers.addBytes(Origin.OFFSET, Origin.bytes(offset.toString()));
        return record;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing an admin client: nothing left to do
            }
        }
    }
}
