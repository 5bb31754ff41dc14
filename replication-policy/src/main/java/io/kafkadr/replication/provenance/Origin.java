package io.kafkadr.replication.provenance;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.utils.ByteUtils;

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

    /** Characters of a topic id as the header carries it: Kafka's 16-byte Uuid in base64 without padding. */
    static final int TOPIC_ID_CHARS = 22;
    /** Characters of the longest partition number and offset in decimal. */
    static final int PARTITION_CHARS = Integer.toString(Integer.MAX_VALUE).length();
    static final int OFFSET_CHARS = Long.toString(Long.MAX_VALUE).length();
    /**
     * A record's length and its header count are varints: the headers make each longer by at most
     * one byte (they add far less than the 8 KiB between two varint lengths).
     */
    static final int VARINT_GROWTH = 2;

    /**
     * The most bytes the headers add to a record copied from {@code topic} of cluster {@code
     * cluster}, uncompressed: each header's key and value with their length varints, for the
     * longest topic id, partition and offset, plus the record's own varints growing. A copy in a
     * batch of its own (as Kafka's producer retries a batch the broker found too large) is at most
     * this much larger than the batch it had on the source, so a target topic whose
     * {@code max.message.bytes} is the source's plus this takes every record the source took.
     */
    public static int maxHeaderBytes(String cluster, String topic) {
        return header(CLUSTER, bytes(cluster).length) + header(TOPIC, bytes(topic).length)
                + header(TOPIC_ID, TOPIC_ID_CHARS) + header(PARTITION, PARTITION_CHARS) + header(OFFSET, OFFSET_CHARS)
                + VARINT_GROWTH;
    }

    private static int header(String key, int valueBytes) {
        int keyBytes = bytes(key).length;
        return ByteUtils.sizeOfVarint(keyBytes) + keyBytes + ByteUtils.sizeOfVarint(valueBytes) + valueBytes;
    }

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
