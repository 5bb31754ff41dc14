package io.kafkadr.activities.failback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.activities.kafka.RangeReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** What the quarantine holds of an incarnation, read from its tail back to where that incarnation cannot reach. */
class QuarantineTailTest {

    private static final TopicPartition OUT = new TopicPartition("_dr.orphans.orders", 0);
    private static final Quarantine.SourcePartition ORDERS = new Quarantine.SourcePartition("orders", "id-now", 0);
    private static final long SINCE = 10_000_000L;
    private static final long OLD = SINCE - Quarantine.CLOCK_SKEW.toMillis() - 1;

    private final List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();
    /** Records handed out by polls, the reach of the read. */
    private long read;
    /** A consumer of {@link #log}: each poll hands out up to 500 records from the position on, as a broker does. */
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
        @Override
        public synchronized org.apache.kafka.clients.consumer.ConsumerRecords<byte[], byte[]> poll(java.time.Duration timeout) {
            long from = position(OUT);
            for (long o = from; o < Math.min(log.size(), from + 500); o++) {
                addRecord(log.get((int) o));
                read++;
            }
            return super.poll(timeout);
        }
    };

    private void quarantined(String topicId, long origin, Long at) {
        RecordHeaders h = new RecordHeaders();
        h.add(Quarantine.ORIGIN_TOPIC, bytes("orders"));
        h.add(Quarantine.ORIGIN_TOPIC_ID, bytes(topicId));
        h.add(Quarantine.ORIGIN_PARTITION, bytes("0"));
        h.add(Quarantine.ORIGIN_OFFSET, bytes(Long.toString(origin)));
        if (at != null) {
            h.add(Quarantine.QUARANTINED_AT, bytes(Long.toString(at)));
        }
        log.add(new ConsumerRecord<>(OUT.topic(), 0, log.size(), 0L, TimestampType.CREATE_TIME, -1, -1, null,
                new byte[0], h, Optional.empty()));
    }

    private Set<Long> held() {
        consumer.assign(List.of(OUT));
        consumer.updateBeginningOffsets(Map.of(OUT, 0L));
        consumer.updateEndOffsets(Map.of(OUT, (long) log.size()));
        RangeReader reader = new RangeReader(consumer, "secondary", beat -> { }, System::nanoTime);
        return Quarantine.held(reader, OUT, ORDERS, log.size(), SINCE);
    }

    @Test
    void readsBackOnlyToTheStretchThatHoldsRecordsQuarantinedBeforeTheFailover() {
        // 5,000 records of this incarnation marked as quarantined long before: where the read must not reach
        LongStream.range(0, 5_000).forEach(o -> quarantined("id-now", o, OLD));
        LongStream.range(0, 20_000).forEach(o -> quarantined("id-before", o, OLD));
        LongStream.range(5_000, 10_000).forEach(o -> quarantined("id-now", o, SINCE + 5));
        assertEquals(LongStream.range(5_000, 10_000).boxed().collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(held()));
        assertEquals(Quarantine.TAIL_CHUNK, read, "one stretch read of " + log.size() + " records");
    }

    @Test
    void recordsWithoutTheirQuarantineTimeNeverStopTheRead() {
        LongStream.range(0, 3).forEach(o -> quarantined("id-now", o, null));
        LongStream.range(0, 25_000).forEach(o -> quarantined("id-before", o, null));
        LongStream.range(3, 6).forEach(o -> quarantined("id-now", o, SINCE + 5));
        assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L), held());
    }

    @Test
    void otherIncarnationsAndPartitionsAreNotThisOnes() {
        quarantined("id-before", 7, SINCE + 1);
        quarantined("id-now", 8, SINCE + 1);
        assertEquals(Set.of(8L), held());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
