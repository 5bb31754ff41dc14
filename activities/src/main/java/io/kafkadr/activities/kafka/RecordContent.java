package io.kafkadr.activities.kafka;

import io.kafkadr.replication.provenance.Origin;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The one definition of "the same record" across two clusters, where offsets differ: equal
 * timestamp, key, value and headers (names, values, order), leaving out kafka-dr's {@code dr.src.*}
 * provenance, which differs per copy. MM2 copies all of these unchanged. Identity is a SHA-256 over
 * a length-prefixed encoding, so a null key differs from an empty one and no split of bytes
 * between key and value can collide. Records repeat (bursts, retried sends): who matches by
 * content counts occurrences too.
 */
public record RecordContent(String sha256) {

    /** The content identity of {@code r}. */
    public static RecordContent of(ConsumerRecord<byte[], byte[]> r) {
        MessageDigest sha = newDigest();
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(r.timestamp()).array());
        part(sha, r.key());
        part(sha, r.value());
        for (Header h : r.headers()) {
            if (!Origin.isProvenanceHeader(h.key())) {
                part(sha, h.key().getBytes(StandardCharsets.UTF_8));
                part(sha, h.value());
            }
        }
        return new RecordContent(HexFormat.of().formatHex(sha.digest()));
    }

    /** Whether {@code a} and {@code b} are the same record by content. */
    public static boolean same(ConsumerRecord<byte[], byte[]> a, ConsumerRecord<byte[], byte[]> b) {
        return of(a).equals(of(b));
    }

    /** A part as its length (-1: null) and its bytes. */
    private static void part(MessageDigest sha, byte[] bytes) {
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            sha.update(bytes);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
