package io.kafkadr.replication.provenance;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a copied record came from, as {@link OriginHeaders} stamps it on every record MM2 copies:
 * the source cluster's alias, the topic, the topic's id (which tells a topic from an earlier one
 * of the same name, deleted and recreated), the partition and the record's offset there.
 *
 * <p>Headers, all UTF-8 text: {@code dr.src.cluster}, {@code dr.src.topic}, {@code dr.src.topic.id}
 * (Kafka's base64 topic id), {@code dr.src.partition}, {@code dr.src.offset}.
 *
 * @param cluster   alias of the cluster the record was copied from
 * @param topic     its topic there
 * @param topicId   that topic's id, empty when it could not be known
 * @param partition its partition there
 * @param offset    its offset there
 */
public record Origin(String cluster, String topic, String topicId, int partition, long offset) {

    /** Prefix of every provenance header. */
    public static final String PREFIX = "dr.src.";
    public static final String CLUSTER = PREFIX + "cluster";
    public static final String TOPIC = PREFIX + "topic";
    public static final String TOPIC_ID = PREFIX + "topic.id";
    public static final String PARTITION = PREFIX + "partition";
    public static final String OFFSET = PREFIX + "offset";

    /** Whether a header is one of ours (content comparisons across clusters leave them out). */
    public static boolean isProvenanceHeader(String key) {
        return key.startsWith(PREFIX);
    }

    /**
     * Reads the origin from a record's headers, given as a lookup of the last value of a header
     * key (null when absent). Empty when the record carries no complete origin (written to this
     * cluster directly, or copied before provenance was on).
     */
    public static Optional<Origin> from(Function<String, byte[]> lastHeader) {
        String cluster = text(lastHeader.apply(CLUSTER));
        String topic = text(lastHeader.apply(TOPIC));
        String partition = text(lastHeader.apply(PARTITION));
        String offset = text(lastHeader.apply(OFFSET));
        if (cluster == null || topic == null || partition == null || offset == null) {
            return Optional.empty();
        }
        try {
            String topicId = text(lastHeader.apply(TOPIC_ID));
            return Optional.of(new Origin(cluster, topic, topicId == null ? "" : topicId, Integer.parseInt(partition),
                    Long.parseLong(offset)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether this record was copied from {@code topic}'s partition {@code partition} of {@code cluster}, that incarnation. */
    public boolean isFrom(String cluster, String topic, String topicId, int partition) {
        return this.cluster.equals(cluster) && this.topic.equals(topic) && this.partition == partition
                && (topicId == null || this.topicId.equals(topicId));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
