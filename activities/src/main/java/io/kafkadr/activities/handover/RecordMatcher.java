package io.kafkadr.activities.handover;

import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.kafka.RangeReader;
import io.kafkadr.activities.kafka.RecordContent;
import io.kafkadr.workflows.pair.ClusterConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds a record of one cluster on the other by its content ({@link RecordContent}), which MM2 copies unchanged while offsets differ.
 * The fallback for copies that carry no origin. Records repeat (bursts, event-time timestamps,
 * retried sends), so a record is identified by content AND occurrence: the n-th record with that
 * content from the first offset at its timestamp on, counted on both clusters. Reads what
 * {@code read_committed} consumers see, as MM2 copies. One consumer per cluster serves all the
 * reads of one matcher (assigned and sent to each range in turn); closing the matcher closes them,
 * so a matcher lives as long as one activity call.
 */
class RecordMatcher implements AutoCloseable {

    /** How far back the last consumed record is looked for below a committed offset (markers, aborted records). */
    static final int LOOK_BACK = 256;

    private final KafkaClientConfigs configs;
    private final Map<String, RangeReader> readers = new HashMap<>();

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
        return reader(cluster).records("reading records to match by content", tp, from, until);
    }

    /** This matcher's {@code read_committed} reader of {@code cluster}, created on first use. */
    private RangeReader reader(ClusterConfig cluster) {
        return readers.computeIfAbsent(cluster.alias() + "@" + cluster.bootstrapServers() + "/"
                + cluster.securityOrPlaintext(), k -> RangeReader.committed(configs, cluster));
    }

    @Override
    public void close() {
        readers.values().forEach(RangeReader::close);
        readers.clear();
    }

    private static boolean same(ConsumerRecord<byte[], byte[]> a, ConsumerRecord<byte[], byte[]> b) {
        return RecordContent.same(a, b);
    }
}
