package io.kafkadr.activities.provenance;

import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaFailures;
import io.kafkadr.activities.kafka.ListedOffsets;
import io.kafkadr.activities.kafka.RangeReader;
import io.kafkadr.replication.provenance.Origin;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads the newest copy of each source partition off the end of its target partition
 * ({@link CopyProgress.TargetTail}), batched: one listing of end offsets and one of log starts for
 * all partitions, then one reader for all of them, reading back from each end in doubling
 * stretches ({@link CopyBoundary#PROBE_WINDOW}, twice that, ...; each record at most once) until a
 * stretch holds a copy of that partition's source, up to {@code limit} records back.
 */
public final class TargetTails {

    private TargetTails() {
    }

    /**
     * The tail of every target partition of {@code sources} (target partition: the source partition
     * whose copies it holds; {@link CopyLocator.Source#topicId} null: any incarnation, the newest
     * copy's decides). A target topic that does not exist yet has partitions with nothing copied
     * ({@link CopyProgress.Empty}); a partition with no copy within {@code limit} records of its
     * end is {@link CopyProgress.NoOrigin}. {@code reader}: reads {@code target} (read_uncommitted:
     * MM2 copies what it reads uncommitted).
     */
    public static Map<TopicPartition, CopyProgress.TargetTail> read(KafkaAdmins admins, ClusterConfig target,
                                                                   RangeReader reader,
                                                                   Map<TopicPartition, CopyLocator.Source> sources,
                                                                   long limit) {
        Map<TopicPartition, Long> ends = ends(admins, target, sources.keySet());
        Map<TopicPartition, Long> starts = ListedOffsets.of(admins.admin(target), target, ends.keySet(),
                OffsetSpec.earliest(), "listing the log start offsets of the target partitions");
        Map<TopicPartition, CopyProgress.TargetTail> tails = new HashMap<>();
        Map<TopicPartition, Long> until = new HashMap<>();
        sources.keySet().forEach(tp -> {
            if (!ends.containsKey(tp) || ends.get(tp) <= starts.get(tp)) {
                tails.put(tp, new CopyProgress.Empty());
            } else {
                until.put(tp, ends.get(tp));
            }
        });
        for (long back = CopyBoundary.PROBE_WINDOW; !until.isEmpty(); back *= 2) {
            long reach = Math.min(back, limit);
            Map<TopicPartition, RangeReader.Range> ranges = new HashMap<>();
            until.forEach((tp, u) -> ranges.put(tp, new RangeReader.Range(Math.max(starts.get(tp), ends.get(tp) - reach), u)));
            Map<TopicPartition, List<Origin>> copies = new HashMap<>();
            reader.readAll("reading the newest copies on '" + target.alias() + "'", ranges, r -> {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (sources.get(tp).copied(r)) {
                    copies.computeIfAbsent(tp, k -> new ArrayList<>()).add(Origins.of(r).orElseThrow());
                }
            });
            for (Map.Entry<TopicPartition, RangeReader.Range> e : ranges.entrySet()) {
                TopicPartition tp = e.getKey();
                if (copies.containsKey(tp)) {
                    tails.put(tp, CopyProgress.newest(copies.get(tp)));
                    until.remove(tp);
                } else if (e.getValue().from() == starts.get(tp) || reach >= limit) {
                    tails.put(tp, new CopyProgress.NoOrigin());
                    until.remove(tp);
                } else {
                    until.put(tp, e.getValue().from());
                }
            }
        }
        return tails;
    }

    /** End offsets of the partitions that exist on {@code target} (MM2 may not have created a topic yet). */
    private static Map<TopicPartition, Long> ends(KafkaAdmins admins, ClusterConfig target,
                                                  Iterable<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        partitions.forEach(tp -> wanted.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (wanted.isEmpty()) {
            return ends;
        }
        ListOffsetsResult listed = admins.admin(target).listOffsets(wanted);
        for (TopicPartition tp : wanted.keySet()) {
            try {
                ends.put(tp, listed.partitionResult(tp).get().offset());
            } catch (ExecutionException e) {
                // a target topic MM2 has not created yet: nothing copied; anything else is an error
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw KafkaFailures.translate(e.getCause(), target, "listing the end offsets of the target partitions");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApplicationFailure.newFailure("interrupted", ActivityFailures.NOT_READY);
            }
        }
        return ends;
    }
}
