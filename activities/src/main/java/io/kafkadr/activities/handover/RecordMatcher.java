package io.kafkadr.activities.handover;

import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.kafka.ReadStall;
import io.kafkadr.replication.provenance.Origin;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.activity.Activity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Finds a record of one cluster on the other by its content (key, value, timestamp, headers
 * other than kafka-dr's {@code dr.src.*} origin), which MM2 copies unchanged while offsets differ.
 * The fallback for copies that carry no origin. Records repeat (bursts, event-time timestamps,
 * retried sends), so a record is identified by content AND occurrence: the n-th record with that
 * content from the first offset at its timestamp on, counted on both clusters. Reads what
 * {@code read_committed} consumers see, as MM2 copies. One consumer per cluster serves all the
 * reads of one matcher (assigned and sent to each range in turn); closing the matcher closes them,
 * so a matcher lives as long as one activity call.
 */
class RecordMatcher implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    /** How far back the last consumed record is looked for below a committed offset (markers, aborted records). */
    static final int LOOK_BACK = 256;

    private final KafkaClientConfigs configs;
    private final Map<String, KafkaConsumer<byte[], byte[]>> consumers = new HashMap<>();

    RecordMatcher(KafkaClientConfigs configs) {
        this.configs = configs;
    }

    /**
     * The last record a {@code read_committed} consumer sees below {@code committed}, i.e. the
     * record a group that committed {@code committed} consumed last (transaction markers and aborted
     * records skipped), if it still exists.
     */
    Optional<ConsumerRecord<byte[], byte[]>> lastBefore(ClusterConfig cluster, TopicPartition tp, long start, long committed) {
        List<ConsumerRecord<byte[], byte[]>> window = read(cluster, tp, Math.max(start, committed - LOOK_BACK), committed);
        return window.isEmpty() ? Optional.empty() : Optional.of(window.get(window.size() - 1));
    }

    /** How many records equal to {@code wanted} lie in {@code [from, wanted's offset]}: its occurrence, 1 or more. */
    int occurrence(ClusterConfig cluster, TopicPartition tp, long from, ConsumerRecord<byte[], byte[]> wanted) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : read(cluster, tp, from, wanted.offset() + 1)) {
            n += same(r, wanted) ? 1 : 0;
        }
        return n;
    }

    /** Offset of the {@code occurrence}-th record equal to {@code wanted} in {@code [from, until)}, or -1. */
    long nthMatch(ClusterConfig cluster, TopicPartition tp, long from, long until, ConsumerRecord<byte[], byte[]> wanted,
                  int occurrence) {
        int seen = 0;
        for (ConsumerRecord<byte[], byte[]> r : read(cluster, tp, from, until)) {
            if (same(r, wanted) && ++seen == occurrence) {
                return r.offset();
            }
        }
        return -1;
    }

    private List<ConsumerRecord<byte[], byte[]>> read(ClusterConfig cluster, TopicPartition tp, long from, long until) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (from >= until) {
            return records;
        }
        KafkaConsumer<byte[], byte[]> consumer = consumer(cluster);
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        ReadStall stall = new ReadStall("reading records to match by content", cluster.alias(), tp, System::nanoTime,
                Activity.getExecutionContext()::heartbeat);
        while (consumer.position(tp) < until) {
            var batch = consumer.poll(POLL).records(tp);
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                if (r.offset() < until) {
                    records.add(r);
                }
            }
            stall.polled(!batch.isEmpty(), consumer.position(tp), until);
        }
        return records;
    }

    /** This matcher's {@code read_committed} consumer of {@code cluster}, created on first use. */
    private KafkaConsumer<byte[], byte[]> consumer(ClusterConfig cluster) {
        return consumers.computeIfAbsent(cluster.alias() + "@" + cluster.bootstrapServers() + "/"
                + cluster.securityOrPlaintext(), k -> configs.committedReader(cluster));
    }

    @Override
    public void close() {
        consumers.values().forEach(KafkaConsumer::close);
        consumers.clear();
    }

    static boolean same(ConsumerRecord<byte[], byte[]> a, ConsumerRecord<byte[], byte[]> b) {
        return a.timestamp() == b.timestamp() && Arrays.equals(a.key(), b.key()) && Arrays.equals(a.value(), b.value())
                && contentHeaders(a).equals(contentHeaders(b));
    }

    /** Headers that belong to the record's content: all but kafka-dr's origin, which differs per copy. */
    static List<String> contentHeaders(ConsumerRecord<byte[], byte[]> r) {
        List<String> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            if (!Origin.isProvenanceHeader(h.key())) {
                headers.add(h.key() + "=" + (h.value() == null ? "null" : Arrays.toString(h.value())));
            }
        }
        return headers;
    }
}
