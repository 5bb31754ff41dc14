package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of the pair entity's watch on the active cluster: growth rates from two
 * observations, the loss bound of an unplanned failover, and which failed MM2 tasks to restart.
 * Pure, for workflow code.
 */
public final class Watch {

    /** Old peaks fade: each observation keeps this share of the previous maximum. */
    static final double DECAY = 0.95;

    private Watch() {
    }

    static List<PartitionRate> rates(PairState before, Observation now) {
        Map<String, PartitionOffsets> previous = byKey(before.lastKnownSource());
        Map<String, Double> peaks = new HashMap<>();
        before.rates().forEach(r -> peaks.put(key(r.topic(), r.partition()), r.recordsPerSecond()));
        double seconds = (now.observedAtMillis() - before.observedAtMillis()) / 1000.0;
        List<PartitionRate> rates = new ArrayList<>();
        for (PartitionOffsets p : now.source()) {
            String k = key(p.topic(), p.partition());
            PartitionOffsets was = previous.get(k);
            double rate = was == null || seconds <= 0 ? 0 : Math.max(0, p.endOffset() - was.endOffset()) / seconds;
            rates.add(new PartitionRate(p.topic(), p.partition(), Math.max(rate, peaks.getOrDefault(k, 0.0) * DECAY)));
        }
        return rates;
    }

    /**
     * What an unplanned failover can say about the records the old cluster took with it, each
     * figure per partition and named for what it is.
     *
     * @param known                records the old cluster was last seen to hold that the new one
     *                             holds no copy of (by the copies' origin headers): a lower bound
     *                             in offsets (transaction markers count); null without provenance
     * @param estimate             what it may have written after that observation: its peak rate
     *                             times the silence; an estimate, never a bound (a burst beyond the
     *                             rate, a partition created since, a client outside the pair exceed it)
     * @param estimateWindowMillis the silence the estimate covers: from the last observation to
     *                             the later of losing the cluster and moving the last producer
     * @param bound                known (by {@code copiedByConnect}) plus estimate, as reports
     *                             gave it before ({@code lossBound}, kept for tools that read it):
     *                             not a bound
     */
    public record LossFigures(List<PartitionOffset> known, List<PartitionOffset> estimate, long estimateWindowMillis,
                              List<PartitionOffset> bound) {

        public static LossFigures none() {
            return new LossFigures(null, List.of(), 0, List.of());
        }

        public static long total(List<PartitionOffset> figures) {
            return figures == null ? 0 : figures.stream().mapToLong(PartitionOffset::offset).sum();
        }
    }

    /**
     * The loss figures: {@code copiedByOrigin} (per partition the highest upstream offset the new
     * cluster holds a copy of, -1 none; null without provenance) gives {@code known},
     * {@code copiedByConnect} (how far MM2 had copied as ConnectActivities#replicatedOffsets says:
     * by the copies' provenance, or Connect's committed source offsets, which lag its offset flush,
     * without it) the old {@code bound}; {@code until}: the end of the silence the estimate covers.
     */
    public static LossFigures loss(PairState state, List<PartitionOffset> copiedByOrigin,
                                   List<PartitionOffset> copiedByConnect, long until) {
        return new LossFigures(copiedByOrigin == null ? null : lossKnown(state, copiedByOrigin), lossEstimate(state, until),
                Math.max(0, until - state.observedAtMillis()), lossBound(state, copiedByConnect, until));
    }

    /**
     * Per partition: records the active cluster was last seen to hold beyond the last one copied
     * ({@code copied}: highest upstream offset copied, -1 none): a lower bound of what is lost.
     */
    public static List<PartitionOffset> lossKnown(PairState state, List<PartitionOffset> copied) {
        Map<String, Long> copiedUpTo = new HashMap<>();
        copied.forEach(c -> copiedUpTo.put(key(c.topic(), c.partition()), c.offset() + 1));
        List<PartitionOffset> known = new ArrayList<>();
        for (PartitionOffsets seen : state.lastKnownSource()) {
            long upTo = Math.max(copiedUpTo.getOrDefault(key(seen.topic(), seen.partition()), 0L), seen.startOffset());
            known.add(new PartitionOffset(seen.topic(), seen.partition(), Math.max(0, seen.endOffset() - upTo)));
        }
        return known;
    }

    /** Per partition: what the active cluster could have written at its peak rate from the last observation to {@code until}. */
    public static List<PartitionOffset> lossEstimate(PairState state, long until) {
        Map<String, Double> rates = new HashMap<>();
        state.rates().forEach(r -> rates.put(key(r.topic(), r.partition()), r.recordsPerSecond()));
        double gapSeconds = Math.max(0, until - state.observedAtMillis()) / 1000.0;
        return state.lastKnownSource().stream().map(seen -> new PartitionOffset(seen.topic(), seen.partition(),
                (long) Math.ceil(rates.getOrDefault(key(seen.topic(), seen.partition()), 0.0) * gapSeconds))).toList();
    }

    /**
     * Per partition: records the active cluster was last seen to hold beyond what MM2 had copied
     * ({@code copied}), plus {@link #lossEstimate}. Not a bound: the estimate is not (and, without
     * provenance, Connect's committed offsets lag the copies). Kept as reports gave it ({@code lossBound}).
     */
    public static List<PartitionOffset> lossBound(PairState state, List<PartitionOffset> copied, long until) {
        List<PartitionOffset> seen = lossKnown(state, copied);
        List<PartitionOffset> unseen = lossEstimate(state, until);
        List<PartitionOffset> bound = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            bound.add(new PartitionOffset(seen.get(i).topic(), seen.get(i).partition(),
                    seen.get(i).offset() + unseen.get(i).offset()));
        }
        return bound;
    }

    /** A task that fails again soon after its restart waits longer before the next, up to this. */
    static final long MAX_RESTART_BACKOFF_MILLIS = 5 * 60_000L;
    /** Restarts older than this no longer delay the next one (the task ran in between). */
    static final long RESTART_MEMORY_MILLIS = 30 * 60_000L;

    /**
     * Which of the {@code failed} connectors and tasks to restart now: one never restarted (or not
     * within {@link #RESTART_MEMORY_MILLIS}) at once, so it runs again within one watch interval;
     * one that failed again after {@code n} recent restarts once {@code interval x 2^(n-1)} passed
     * since the last (capped at {@link #MAX_RESTART_BACKOFF_MILLIS}), so a task that cannot run is
     * not restarted every few seconds forever. A failed connector is restarted with its failed
     * tasks, so those are not restarted on their own.
     */
    public static List<FailedTask> restartsDue(List<FailedTask> failed, List<TaskRestart> past, long now,
                                               long intervalMillis) {
        List<String> connectorsDue = new ArrayList<>();
        List<FailedTask> due = new ArrayList<>();
        for (FailedTask f : failed) {
            List<TaskRestart> recent = past.stream()
                    .filter(r -> r.of(f) && now - r.restartedAtMillis() < RESTART_MEMORY_MILLIS).toList();
            long last = recent.stream().mapToLong(TaskRestart::restartedAtMillis).max().orElse(Long.MIN_VALUE);
            long wait = recent.isEmpty() ? 0
                    : Math.min(MAX_RESTART_BACKOFF_MILLIS, intervalMillis << Math.min(recent.size() - 1, 20));
            if (recent.isEmpty() || now - last >= wait) {
                due.add(f);
                if (f.task() == FailedTask.CONNECTOR) {
                    connectorsDue.add(f.connector());
                }
            }
        }
        return due.stream().filter(f -> f.task() == FailedTask.CONNECTOR || !connectorsDue.contains(f.connector()))
                .toList();
    }

    private static Map<String, PartitionOffsets> byKey(List<PartitionOffsets> offsets) {
        Map<String, PartitionOffsets> map = new HashMap<>();
        offsets.forEach(o -> map.put(key(o.topic(), o.partition()), o));
        return map;
    }

    private static String key(String topic, int partition) {
        return topic + "-" + partition;
    }
}
