package io.kafkadr.activities.provenance;

import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.kafka.RangeReader;
import io.kafkadr.replication.provenance.Origin;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.activity.Activity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds the copies of one source partition on a target partition by their origin headers. One
 * consumer, assigned to the target partition, seeks where the search needs it. The consumer is
 * its own, or borrowed from a caller that searches several partitions of the same cluster one
 * after the other (then it is assigned anew here and stays open when the locator is closed).
 */
public final class CopyLocator implements AutoCloseable {

    /** The source partition whose copies are wanted, in one incarnation of its topic. */
    public record Source(String cluster, String topic, String topicId, int partition) {
        boolean copied(ConsumerRecord<byte[], byte[]> r) {
            Optional<Origin> o = Origins.of(r);
            return o.isPresent() && o.get().isFrom(cluster, topic, topicId, partition);
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ClusterConfig target;
    private final TopicPartition tp;
    private final Source source;
    private final long start;
    private final long end;
    private final boolean owned;
    private final RangeReader reader;

    private static RangeReader reader(KafkaConsumer<byte[], byte[]> consumer, ClusterConfig target) {
        return new RangeReader(consumer, target.alias(), progress -> Activity.getExecutionContext().heartbeat(progress),
                System::nanoTime);
    }

    public CopyLocator(KafkaClientConfigs configs, ClusterConfig target, TopicPartition tp, Source source) {
        this.consumer = configs.reader(target);
        this.reader = reader(consumer, target);
        this.owned = true;
        this.target = target;
        this.tp = tp;
        this.source = source;
        consumer.assign(List.of(tp));
        this.start = consumer.beginningOffsets(List.of(tp)).get(tp);
        this.end = consumer.endOffsets(List.of(tp)).get(tp);
    }

    /**
     * A locator on {@code consumer} (a {@link KafkaClientConfigs#reader} of {@code target}, which
     * the caller closes) with the partition's log start and end ({@code start}, {@code end}: the
     * high watermark, as the reader sees it) as the caller listed them.
     */
    public CopyLocator(KafkaConsumer<byte[], byte[]> consumer, ClusterConfig target, TopicPartition tp, Source source,
                       long start, long end) {
        this.consumer = consumer;
        this.reader = reader(consumer, target);
        this.owned = false;
        this.target = target;
        this.tp = tp;
        this.source = source;
        this.start = start;
        this.end = end;
        consumer.assign(List.of(tp));
    }

    /** See {@link CopyBoundary#firstAtOrAfter}. */
    public Optional<Long> firstAtOrAfter(long upstream) {
        return CopyBoundary.firstAtOrAfter(start, end, upstream, this::probe);
    }

    /**
     * Upstream offsets of the copies from target offset {@code from} on, read until the end or
     * until {@code gapLimit} records in a row carry no origin of the source (records written to the
     * target after replication stopped).
     */
    public TreeSet<Long> upstreamFrom(long from, long gapLimit) {
        TreeSet<Long> found = new TreeSet<>();
        readCopies(Math.max(from, start), end, gapLimit, "reading copies", o -> found.add(o.offset()));
        return found;
    }

    /**
     * The highest upstream offset among the newest copies on the target partition: how far MM2 had
     * copied the source partition, read off the copies themselves (whatever Connect had committed).
     * Reads back from the end in doubling stretches, each record at most once, until a stretch
     * holds a copy. With a {@link Source} without topic id (the source is gone), the newest copy's
     * topic id decides which incarnation of the topic counts. Empty when the partition holds none.
     */
    public Optional<Long> lastUpstream() {
        long until = end;
        for (long back = CopyBoundary.PROBE_WINDOW; until > start; back *= 2) {
            long from = Math.max(start, end - back);
            List<Origin> copies = new ArrayList<>();
            readCopies(from, until, Long.MAX_VALUE, "reading the newest copies", copies::add);
            if (!copies.isEmpty()) {
                return Optional.of(CopyProgress.newest(copies).upstream());
            }
            until = from;
        }
        return Optional.empty();
    }

    /**
     * Hands each copy's origin in target offsets {@code [from, until)} to {@code each}, in target
     * order, until {@code until} or until {@code gapLimit} records in a row carry no origin of the
     * source. {@code what}: the read, for progress and errors.
     */
    private void readCopies(long from, long until, long gapLimit, String what, Consumer<Origin> each) {
        long[] gap = {0};
        reader.read(what + " of " + source.topic() + "-" + source.partition(), tp, from, until, r -> {
            if (source.copied(r)) {
                each.accept(Origins.of(r).orElseThrow());
                gap[0] = 0;
            } else {
                gap[0]++;
            }
            return gap[0] < gapLimit;
        });
    }

    CopyBoundary.Probe probe(long from) {
        long limit = Math.min(end, from + CopyBoundary.PROBE_WINDOW);
        List<CopyBoundary.Probe> found = new ArrayList<>();
        reader.read("searching copies of " + source.topic() + "-" + source.partition(), tp, from, limit, r -> {
            if (source.copied(r)) {
                found.add(new CopyBoundary.Copy(r.offset(), Origins.of(r).orElseThrow().offset()));
                return false;
            }
            return true;
        });
        return found.isEmpty() ? new CopyBoundary.NoCopy(limit >= end) : found.get(0);
    }

    @Override
    public void close() {
        if (owned) {
            consumer.close();
        }
    }
}
