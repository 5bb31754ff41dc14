package io.kafkadr.replication.provenance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.DefaultRecord;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link Origin#maxHeaderBytes} against Kafka's own size of a record batch: a copy stamped with
 * the longest partition, offset and topic id, in a batch of its own, is never larger than the
 * source's batch plus that figure, and not much smaller (the figure is tight).
 */
class OriginSizeTest {

    @Test
    void aStampedCopyGrowsByAtMostMaxHeaderBytes() {
        String id = Uuid.randomUuid().toString();
        OriginHeaders<SourceRecord> transform = new OriginHeaders<>(topic -> id);
        for (String topic : List.of("orders", "t".repeat(249))) {
            for (String cluster : List.of("primary", "a-much-longer-cluster-alias-for-a-region-of-the-world-".repeat(2))) {
                int room = Origin.maxHeaderBytes(cluster, topic);
                // value sizes around the varint steps of the record's length (2^6, 2^13, 2^20)
                for (int around : List.of(0, 64, 8192, 1 << 20)) {
                    for (int value = Math.max(0, around - 600); value <= around + 50; value += 13) {
                        for (int ownHeaders : List.of(0, 3, 62)) {
                            ConnectHeaders headers = new ConnectHeaders();
                            for (int h = 0; h < ownHeaders; h++) {
                                headers.addBytes("h" + h, new byte[] {1});
                            }
                            SourceRecord source = new SourceRecord(Map.of("cluster", cluster, "topic", topic, "partition",
                                    Integer.MAX_VALUE), Map.of("offset", Long.MAX_VALUE), topic, 0,
                                    Schema.OPTIONAL_BYTES_SCHEMA, new byte[] {1, 2}, Schema.OPTIONAL_BYTES_SCHEMA,
                                    new byte[value], 42L, headers);
                            int before = batchBytes(value, source.headers());
                            int after = batchBytes(value, transform.apply(source).headers());
                            String what = "topic of " + topic.length() + ", alias of " + cluster.length() + ", value "
                                    + value + ", " + ownHeaders + " headers: grew by " + (after - before) + ", room " + room;
                            assertTrue(after - before <= room, what);
                            assertTrue(after - before >= room - Origin.VARINT_GROWTH, what);
                        }
                    }
                }
            }
        }
    }

    private static int batchBytes(int valueBytes, Iterable<Header> headers) {
        List<org.apache.kafka.common.header.Header> kafka = new ArrayList<>();
        headers.forEach(h -> kafka.add(new RecordHeader(h.key(), (byte[]) h.value())));
        return DefaultRecordBatch.RECORD_BATCH_OVERHEAD + DefaultRecord.sizeInBytes(0, 0L, 2, valueBytes,
                kafka.toArray(new org.apache.kafka.common.header.Header[0]));
    }
}
