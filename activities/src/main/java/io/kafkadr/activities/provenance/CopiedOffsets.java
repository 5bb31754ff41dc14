package io.kafkadr.activities.provenance;

import io.kafkadr.activities.cluster.TopicSelector;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.activities.kafka.KafkaFailures;
import io.kafkadr.activities.kafka.ListedOffsets;
import io.kafkadr.activities.kafka.RangeReader;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * How far MM2 has copied each mirrored partition, in the form of MM2's own committed source
 * offsets (per source partition, the upstream offset of the last record copied), read off the
 * target: the provenance of the newest copy of each partition ({@link TargetTails},
 * {@link CopyProgress}), in one batched read per cluster. Unlike Connect's committed offsets it
 * does not wait for Connect's offset flush ({@code offset.flush.interval.ms}, 60 s by default).
 *
 * <p>MM2's committed offsets (Connect's REST API) remain the fallback: for a pair whose copies
 * carry no provenance, and for partitions whose target holds no copy with provenance within
 * {@link #SEARCH_LIMIT} records of its end; {@link Copied#basis} says which was used.
 */
public final class CopiedOffsets {

    /** How many records back from a target partition's end the newest copy is looked for, at most. */
    public static final long SEARCH_LIMIT = 16_384;
    /** How long the source may take to answer before the read goes on from the target alone (the source is down). */
    static final int SOURCE_ANSWER_MS = 3_000;

    /** Basis: every partition read off the copies' provenance. */
    public static final String PROVENANCE = "provenance";
    /** Basis: MM2's committed source offsets (the copies carry no provenance). */
    public static final String MM2_OFFSETS = "mm2-offsets";
    /** Basis: provenance, MM2's committed offsets for the partitions whose copies say nothing. */
    public static final String MIXED = "provenance+mm2-offsets";

    /**
     * Per source partition the upstream offset of the last record copied (partitions with nothing
     * copied left out), sorted by topic and partition; {@code basis}: {@link #PROVENANCE},
     * {@link #MM2_OFFSETS} or {@link #MIXED}; {@code detail}: the same in words, for reports.
     */
    public record Copied(List<PartitionOffset> offsets, String basis, String detail) {
    }

    private final KafkaAdmins admins;

    public CopiedOffsets(KafkaAdmins admins) {
        this.admins = admins;
    }

    /**
     * How far MM2 has copied in {@code direction}. {@code committedByConnect}: MM2's committed
     * source offsets, asked only when needed; {@code heartbeat}: where the reads report progress.
     * The source is asked (topic ids, offsets, copies from the target after a failback) when it
     * answers within {@link #SOURCE_ANSWER_MS}; else the target alone decides (the newest copy's
     * topic incarnation counts).
     */
    public Copied read(PairConfig pair, Direction direction, Supplier<List<PartitionOffset>> committedByConnect,
                       Consumer<String> heartbeat) {
        if (!pair.replication().stampsOrigin()) {
            return new Copied(committedByConnect.get(), MM2_OFFSETS, "MM2's committed source offsets (the copies carry "
                    + "no provenance): they move at Connect's offset flush");
        }
        ClusterConfig source = pair.cluster(direction.source());
        ClusterConfig target = pair.cluster(direction.target());
        Optional<Map<String, TopicDescription>> onSource = sourceTopics(pair, source);
        Map<TopicPartition, TopicPartition> sourceOf = onSource.isPresent()
                ? targetPartitions(pair, direction, onSource.get())
                : targetPartitionsWithoutSource(pair, direction);
        Map<TopicPartition, CopyLocator.Source> wanted = new HashMap<>();
        sourceOf.forEach((t, s) -> wanted.put(t, new CopyLocator.Source(source.alias(), s.topic(), null, s.partition())));
        Map<TopicPartition, CopyProgress.TargetTail> tails;
        try (RangeReader reader = new RangeReader(admins.configs().reader(target), target.alias(), heartbeat,
                System::nanoTime)) {
            tails = TargetTails.read(admins, target, reader, wanted, SEARCH_LIMIT);
        }
        Map<TopicPartition, CopyProgress.TargetTail> bySource = new HashMap<>();
        sourceOf.forEach((t, s) -> bySource.put(s, tails.get(t)));
        Map<TopicPartition, OptionalLong> last = onSource.isPresent()
                ? lastCopied(pair, direction, onSource.get(), bySource, heartbeat)
                : lastCopiedWithoutSource(bySource);
        List<TopicPartition> untold = last.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                .toList();
        Map<TopicPartition, Long> byConnect = new HashMap<>();
        if (!untold.isEmpty()) {
            committedByConnect.get().forEach(o -> byConnect.put(new TopicPartition(o.topic(), o.partition()), o.offset()));
        }
        List<PartitionOffset> offsets = last.entrySet().stream()
                .map(e -> new PartitionOffset(e.getKey().topic(), e.getKey().partition(),
                        e.getValue().orElse(byConnect.getOrDefault(e.getKey(), -1L))))
                .filter(o -> o.offset() >= 0)
                .sorted(Comparator.comparing(PartitionOffset::topic).thenComparing(PartitionOffset::partition))
                .toList();
        String read = "read off the copies' provenance on '" + target.alias() + "'" + (onSource.isPresent() ? ""
                : " ('" + source.alias() + "' did not answer within " + SOURCE_ANSWER_MS + " ms: the newest copies' "
                        + "topic incarnation taken for its)");
        return untold.isEmpty() ? new Copied(offsets, PROVENANCE, read)
                : new Copied(offsets, MIXED, read + "; MM2's committed source offsets (they move at Connect's offset "
                        + "flush) for " + untold.size() + " partitions whose last " + SEARCH_LIMIT + " records on '"
                        + target.alias() + "' carry no provenance of '" + source.alias() + "': " + untold.stream()
                        .limit(5).map(TopicPartition::toString).toList() + (untold.size() > 5 ? " ..." : ""));
    }

    /** The pair's topics on the source, described; empty when the source does not answer in time. */
    private Optional<Map<String, TopicDescription>> sourceTopics(PairConfig pair, ClusterConfig source) {
        Admin admin = admins.admin(source);
        Set<String> names;
        try {
            names = admin.listTopics(new ListTopicsOptions().timeoutMs(SOURCE_ANSWER_MS)).names().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                return Optional.empty();
            }
            throw KafkaFailures.translate(e.getCause(), source, "listing topics");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted", ActivityFailures.NOT_READY);
        }
        List<String> topics = TopicSelector.select(pair.topics(), names);
        return Optional.of(topics.isEmpty() ? Map.of()
                : KafkaFailures.await(admin.describeTopics(topics).allTopicNames(), source, "describing the mirrored topics"));
    }

    /** Target partition -> source partition, for the source's topics as described. */
    private static Map<TopicPartition, TopicPartition> targetPartitions(PairConfig pair, Direction direction,
                                                                        Map<String, TopicDescription> onSource) {
        Map<TopicPartition, TopicPartition> sourceOf = new HashMap<>();
        onSource.forEach((topic, d) -> d.partitions().forEach(p -> sourceOf.put(new TopicPartition(
                pair.replication().remoteTopic(direction.source(), topic), p.partition()),
                new TopicPartition(topic, p.partition()))));
        return sourceOf;
    }

    /** Target partition -> source partition, from the target's copies of the pair's topics (the source is down). */
    private Map<TopicPartition, TopicPartition> targetPartitionsWithoutSource(PairConfig pair, Direction direction) {
        ClusterConfig target = pair.cluster(direction.target());
        Admin admin = admins.admin(target);
        Map<String, String> remoteOf = new HashMap<>();
        String prefix = direction.source() + ".";
        for (String remote : KafkaFailures.await(admin.listTopics().names(), target, "listing topics")) {
            if (pair.replication().identity()) {
                remoteOf.put(remote, remote);
            } else if (remote.startsWith(prefix)) {
                remoteOf.put(remote.substring(prefix.length()), remote);
            }
        }
        List<String> upstream = TopicSelector.select(pair.topics(), remoteOf.keySet());
        Map<TopicPartition, TopicPartition> sourceOf = new HashMap<>();
        if (!upstream.isEmpty()) {
            Map<String, TopicDescription> described = KafkaFailures.await(admin.describeTopics(
                    upstream.stream().map(remoteOf::get).toList()).allTopicNames(), target, "describing the copies' topics");
            upstream.forEach(topic -> described.get(remoteOf.get(topic)).partitions().forEach(p -> sourceOf.put(
                    new TopicPartition(remoteOf.get(topic), p.partition()), new TopicPartition(topic, p.partition()))));
        }
        return sourceOf;
    }

    private static Map<TopicPartition, OptionalLong> lastCopiedWithoutSource(Map<TopicPartition, CopyProgress.TargetTail> tails) {
        Map<TopicPartition, OptionalLong> last = new HashMap<>();
        tails.forEach((tp, tail) -> last.put(tp, CopyProgress.lastCopiedWithoutSource(tail)));
        return last;
    }

    /**
     * With the source answering: its offsets, listed after the target's tails were read (no copy can
     * be ahead of them), and its topic ids decide ({@link CopyProgress#firstUncopied}); where the
     * target holds no copy of this incarnation, the source's copies from the target come first and
     * are never copied ({@link CopyProgress#firstOwn}).
     */
    private Map<TopicPartition, OptionalLong> lastCopied(PairConfig pair, Direction direction,
                                                         Map<String, TopicDescription> onSource,
                                                         Map<TopicPartition, CopyProgress.TargetTail> tails,
                                                         Consumer<String> heartbeat) {
        ClusterConfig source = pair.cluster(direction.source());
        Admin admin = admins.admin(source);
        Map<TopicPartition, Long> ends = ListedOffsets.of(admin, source, tails.keySet(), OffsetSpec.latest(),
                "listing the end offsets of the mirrored partitions");
        Map<TopicPartition, Long> starts = ListedOffsets.of(admin, source, tails.keySet(), OffsetSpec.earliest(),
                "listing the log start offsets of the mirrored partitions");
        Map<TopicPartition, OptionalLong> last = new HashMap<>();
        RangeReader reader = null;
        try {
            for (Map.Entry<TopicPartition, CopyProgress.TargetTail> e : tails.entrySet()) {
                TopicPartition tp = e.getKey();
                String topicId = onSource.get(tp.topic()).topicId().toString();
                OptionalLong first = CopyProgress.firstUncopied(starts.get(tp), ends.get(tp), topicId, e.getValue());
                if (first.isPresent() && CopyProgress.nothingCopied(ends.get(tp), topicId, e.getValue())) {
                    if (reader == null) {
                        reader = new RangeReader(admins.configs().reader(source), source.alias(), heartbeat,
                                System::nanoTime);
                    }
                    first = OptionalLong.of(firstOwn(reader, direction, tp, first.getAsLong(), ends.get(tp)));
                }
                last.put(tp, first.isPresent() ? OptionalLong.of(first.getAsLong() - 1) : OptionalLong.empty());
            }
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
        return last;
    }

    private static long firstOwn(RangeReader reader, Direction direction, TopicPartition tp, long from, long end) {
        return CopyProgress.firstOwn(from, end, at -> {
            CopyProgress.SourceRecord[] found = {null};
            reader.read("looking for the first record of " + tp + " not copied from '" + direction.target() + "'", tp,
                    at, end, r -> {
                        found[0] = new CopyProgress.SourceRecord(r.offset(),
                                Origins.of(r).filter(o -> o.cluster().equals(direction.target())).isPresent());
                        return false;
                    });
            return Optional.ofNullable(found[0]);
        });
    }
}
