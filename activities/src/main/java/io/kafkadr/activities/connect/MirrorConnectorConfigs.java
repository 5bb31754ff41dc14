package io.kafkadr.activities.connect;

import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.replication.provenance.OriginHeaders;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.replication.MirrorConnector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Builds the Connect config of one MM2 connector from a pair. It holds no secret: credentials and
 * truststore passwords are placeholders of each cluster's {@code connectSecretRef}, which the
 * Connect workers' config providers resolve ({@link KafkaClientConfigs#connectSecurity}).
 */
public class MirrorConnectorConfigs {

    /** Ours: identity names, and kafka-dr's quarantine topics count as internal (never mirrored). */
    static final String IDENTITY_POLICY = "io.kafkadr.replication.policy.DrIdentityReplicationPolicy";
    static final String PREFIX_POLICY = "org.apache.kafka.connect.mirror.DefaultReplicationPolicy";
    static final String BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter";
    /** The transform that stamps every copy with its origin ({@code dr.src.*} headers). */
    static final String ORIGIN_TRANSFORM = "drOrigin";

    /*
     * Throughput settings of the source connector, measured with `drctl bench replication`
     * (see README, "MM2 throughput"). Connect's producer sends with max.in.flight 1, so its
     * 16 KiB default batches, not the network or the brokers, bound how fast MM2 copies.
     * Per-connector client overrides need connector.client.config.override.policy=All on the
     * Connect workers (Kafka's default since 3.0).
     */

    /** Connect producer {@code batch.size} for MM2's copies. */
    public static final String PRODUCER_BATCH_SIZE = "producer.override.batch.size";
    public static final String PRODUCER_BATCH_SIZE_DOC = "Bytes per partition batch of the producer writing MM2's "
            + "copies to the target. With one request in flight per connection (Connect's default), larger batches "
            + "are what lets MM2 keep up with its source. Pair key: replication.producerBatchBytes.";
    public static final int PRODUCER_BATCH_SIZE_DEFAULT = 256 * 1024;

    /** Connect producer {@code linger.ms} for MM2's copies. */
    public static final String PRODUCER_LINGER_MS = "producer.override.linger.ms";
    public static final String PRODUCER_LINGER_MS_DOC = "How long the producer writing MM2's copies waits to fill a "
            + "batch: adds at most this much to the replication latency, lets batches grow under load. "
            + "Pair key: replication.producerLingerMs.";
    public static final int PRODUCER_LINGER_MS_DEFAULT = 20;

    /** Connect producer {@code max.request.size} for MM2's copies. */
    public static final String PRODUCER_MAX_REQUEST_SIZE = "producer.override.max.request.size";
    public static final String PRODUCER_MAX_REQUEST_SIZE_DOC = "The largest request, and so the largest record, the "
            + "producer writing MM2's copies sends. Kafka's default (1 MiB) refuses the copy of a record at a topic's "
            + "default max.message.bytes (1 MiB + 12 bytes) before it reaches the target, headers or not: kafka-dr "
            + "lets each target topic's max.message.bytes decide, up to the producer's buffer (buffer.memory).";
    public static final int PRODUCER_MAX_REQUEST_SIZE_DEFAULT = 32 * 1024 * 1024;

    /** MM2's setting: topic configs (names or regexes, comma-separated) its config sync never copies. */
    static final String CONFIG_PROPERTIES_EXCLUDE = "config.properties.exclude";
    /**
     * connect-mirror's own default of {@value #CONFIG_PROPERTIES_EXCLUDE}
     * ({@code DefaultConfigPropertyFilter.CONFIG_PROPERTIES_EXCLUDE_DEFAULT}, checked by a test):
     * setting the key replaces it, so it is kept.
     */
    static final List<String> MM2_DEFAULT_EXCLUDES = List.of("follower.replication.throttled.replicas",
            "leader.replication.throttled.replicas", "message.timestamp.difference.max.ms",
            "log.message.timestamp.before.max.ms", "log.message.timestamp.after.max.ms", "message.timestamp.type",
            "unclean.leader.election.enable", "min.insync.replicas");
    /**
     * Topic configs MM2 does not copy to the target: its defaults, and {@code max.message.bytes},
     * which kafka-dr sets to the source's plus the provenance headers' room ({@link TargetTopics}):
     * copied as is, a record at the source's limit no longer fits once stamped.
     */
    public static final List<String> NOT_SYNCED = java.util.stream.Stream.concat(MM2_DEFAULT_EXCLUDES.stream(),
            java.util.stream.Stream.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)).toList();
    private static final List<Pattern> NOT_SYNCED_PATTERNS = NOT_SYNCED.stream().map(Pattern::compile).toList();

    /** Whether MM2's config sync copies topic config {@code name} (matched as MM2 matches its exclusions). */
    public static boolean synced(String name) {
        return NOT_SYNCED_PATTERNS.stream().noneMatch(p -> p.matcher(name).matches());
    }

    private final KafkaClientConfigs clients;

    public MirrorConnectorConfigs(KafkaClientConfigs clients) {
        this.clients = clients;
    }

    public Map<String, String> build(PairConfig pair, Direction direction, MirrorConnector connector,
                                     int tasksMax, int replicationFactor) {
        ReplicationSettings s = pair.replication();
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        String rf = Integer.toString(replicationFactor);

        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", connector.connectorClass());
        c.put("name", connector.connectorName(pair.name(), direction));
        c.put("tasks.max", Integer.toString(Math.max(1, tasksMax)));
        c.put("source.cluster.alias", source.alias());
        c.put("target.cluster.alias", target.alias());
        c.put("source.cluster.bootstrap.servers", source.bootstrapServers());
        c.put("target.cluster.bootstrap.servers", target.bootstrapServers());
        Map<String, String> sourceSecurity = clients.connectSecurity(source);
        sourceSecurity.forEach((k, v) -> c.put("source.cluster." + k, v));
        clients.connectSecurity(target).forEach((k, v) -> c.put("target.cluster." + k, v));
        c.put("key.converter", BYTES);
        c.put("value.converter", BYTES);
        c.put("header.converter", BYTES);
        c.put("replication.policy.class", s.identity() ? IDENTITY_POLICY : PREFIX_POLICY);
        c.put("topics", pair.topics().asMirrorMakerPattern());
        c.put("replication.factor", rf);
        c.put("offset-syncs.topic.replication.factor", rf);
        c.put("checkpoints.topic.replication.factor", rf);
        c.put("heartbeats.topic.replication.factor", rf);
        switch (connector) {
            case SOURCE -> {
                c.put("refresh.topics.interval.seconds", Integer.toString(s.refreshIntervalSeconds()));
                c.put("sync.topic.configs.enabled", "true");
                c.put("sync.topic.configs.interval.seconds", Integer.toString(s.refreshIntervalSeconds()));
                c.put(CONFIG_PROPERTIES_EXCLUDE, String.join(",", NOT_SYNCED));
                c.put("sync.topic.acls.enabled", "false");
                c.put("offset.lag.max", Integer.toString(s.offsetLagMax()));
                c.put("emit.offset-syncs.enabled", "true");
                // Aborted and still-open transactions are not data: copy only what read_committed
                // consumers of the source see, so they see the same on the target.
                c.put("source.consumer.isolation.level", "read_committed");
                c.put(PRODUCER_BATCH_SIZE, Integer.toString(orDefault(s.producerBatchBytes(), PRODUCER_BATCH_SIZE_DEFAULT)));
                c.put(PRODUCER_LINGER_MS, Integer.toString(orDefault(s.producerLingerMs(), PRODUCER_LINGER_MS_DEFAULT)));
                c.put(PRODUCER_MAX_REQUEST_SIZE, Integer.toString(PRODUCER_MAX_REQUEST_SIZE_DEFAULT));
                if (s.stampsOrigin()) {
                    String t = "transforms." + ORIGIN_TRANSFORM + ".";
                    c.put("transforms", ORIGIN_TRANSFORM);
                    c.put(t + "type", OriginHeaders.class.getName());
                    c.put(t + OriginHeaders.SOURCE_PREFIX + "bootstrap.servers", source.bootstrapServers());
                    sourceSecurity.forEach((k, v) -> c.put(t + OriginHeaders.SOURCE_PREFIX + k, v));
                }
            }
            case CHECKPOINT -> {
                c.put("groups", pair.groupIds().stream().map(Pattern::quote).collect(Collectors.joining(",")));
                c.put("emit.checkpoints.enabled", "true");
                c.put("emit.checkpoints.interval.seconds", Integer.toString(s.checkpointIntervalSeconds()));
                c.put("sync.group.offsets.enabled", "true");
                c.put("sync.group.offsets.interval.seconds", Integer.toString(s.syncGroupOffsetsIntervalSeconds()));
                c.put("refresh.groups.interval.seconds", Integer.toString(s.refreshIntervalSeconds()));
            }
            case HEARTBEAT -> c.put("emit.heartbeats.interval.seconds", "1");
        }
        return c;
    }

    private static int orDefault(Integer configured, int kafkaDrDefault) {
        return configured == null ? kafkaDrDefault : configured;
    }
}
