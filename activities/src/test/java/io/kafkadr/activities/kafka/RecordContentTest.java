package io.kafkadr.activities.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordContentTest {

    private static ConsumerRecord<byte[], byte[]> record(String topic, long offset, long ts, String key, String value,
                                                         String... headers) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1] == null ? null : headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(topic, 0, offset, ts, TimestampType.CREATE_TIME, -1, -1,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), h, Optional.empty());
    }

    @Test
    void aCopyIsTheSameRecordWhateverItsOffsetTopicAndProvenance() {
        var source = record("orders", 7, 1000, "k", "v", "trace", "1");
        var copy = record("primary.orders", 3, 1000, "k", "v", "trace", "1", "dr.src.cluster", "primary",
                "dr.src.offset", "7");
        assertEquals(RecordContent.of(source), RecordContent.of(copy));
    }

    @Test
    void timestampKeyValueAndContentHeadersEachTellRecordsApart() {
        var r = record("t", 0, 1000, "k", "v", "h", "1");
        assertNotEquals(RecordContent.of(r), RecordContent.of(record("t", 0, 1001, "k", "v", "h", "1")));
        assertNotEquals(RecordContent.of(r), RecordContent.of(record("t", 0, 1000, "k2", "v", "h", "1")));
        assertNotEquals(RecordContent.of(r), RecordContent.of(record("t", 0, 1000, "k", "v2", "h", "1")));
        assertNotEquals(RecordContent.of(r), RecordContent.of(record("t", 0, 1000, "k", "v", "h", "2")));
        assertNotEquals(RecordContent.of(r), RecordContent.of(record("t", 0, 1000, "k", "v")));
    }

    @Test
    void aNullDiffersFromEmptyAndBytesCannotMoveBetweenKeyAndValue() {
        assertNotEquals(RecordContent.of(record("t", 0, 1, null, "v")), RecordContent.of(record("t", 0, 1, "", "v")));
        assertNotEquals(RecordContent.of(record("t", 0, 1, "k", null)), RecordContent.of(record("t", 0, 1, "k", "")));
        assertNotEquals(RecordContent.of(record("t", 0, 1, "a|", "b")), RecordContent.of(record("t", 0, 1, "a", "|b")));
        assertNotEquals(RecordContent.of(record("t", 0, 1, "k", "v", "h", null)),
                RecordContent.of(record("t", 0, 1, "k", "v", "h", "")));
    }
}
